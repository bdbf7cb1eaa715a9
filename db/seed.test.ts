import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { customers, dunningPolicies } from '#db/schema/index';
import { localInstant } from '~/modules/dunning/business-calendar';
import { runDunningSweep } from '~/modules/dunning/sweep.server';
import { db } from '~/utils/db.server';
import { loadStatementCustomer, openStatementInvoices } from '~/modules/statements/load-statement.server';
import { demoStatementLink, seedDemo } from './seed';
import { chronicLatePayerPolicy } from './seed-follow-up';

// Tuesday 16 June 2026, 11:00 in Lyon.
const NOW = localInstant('2026-06-16', 11, 0, 'Europe/Paris');

describe('the demo seed', () => {
  test('gives the late invoices a reminder history made by the real sweep', async () => {
    expect(await seedDemo(db(), NOW)).toEqual({ seeded: true });

    const policies = await db().select().from(dunningPolicies);
    expect(policies.map((p) => [p.name, p.isDefault]).sort()).toEqual([
      [chronicLatePayerPolicy.name, false],
      ['Standard', true],
    ]);
    const chronic = policies.find((p) => !p.isDefault)!;
    const [brasserie] = await db().select().from(customers).where(eq(customers.dunningPolicyId, chronic.id));
    expect(brasserie!.name).toBe('Brasserie du Port');

    const history = await db().execute<{
      customer: string;
      late: number;
      offset: number;
      channel: string;
      status: string;
      email: boolean;
      task: boolean;
      events: number;
      policy: string;
    }>(sql`
      SELECT c.name AS customer, (DATE '2026-06-16' - i.due_date) AS late, st.offset_days AS offset,
        st.channel::text AS channel, r.status, r.email_id IS NOT NULL AS email, r.task_id IS NOT NULL AS task,
        (SELECT count(*)::int FROM events e WHERE e.invoice_id = i.id AND e.type LIKE 'reminder.%'
          AND e.data->>'reminderId' = r.id::text) AS events,
        dp.name AS policy
      FROM reminders r
      JOIN invoices i ON i.id = r.invoice_id
      JOIN customers c ON c.id = i.customer_id
      JOIN dunning_steps st ON st.id = r.step_id
      JOIN dunning_policies dp ON dp.id = st.policy_id
      ORDER BY c.name, late, st.offset_days`);
    expect(history.length).toBeGreaterThan(30);
    for (const row of history) {
      expect(row.status).toBe('sent');
      expect(row.events).toBe(1);
      expect(row.email).toBe(row.channel === 'email' || row.channel === 'letter');
      expect(row.task).toBe(row.channel === 'call_task' || row.channel === 'collections_task');
      expect(row.policy).toBe(row.customer === 'Brasserie du Port' ? chronic.name : 'Standard');
    }
    // The Brasserie's invoice 45 days late (due Saturday 2 May) went through its tighter ladder, but for -1: that
    // fell on 1 May, a holiday, and +1 on the Sunday after, so the Monday sent only the step due then, +1.
    const brasserie45 = history.filter((r) => r.customer === 'Brasserie du Port' && r.late === 45);
    expect(brasserie45.map((r) => r.offset)).toEqual([-7, 1, 4, 8, 15, 30, 45]);
    // The Librairie's invoice 95 days late went through the default one, up to collections.
    const librairie = history.filter((r) => r.customer === 'Librairie Voltaire' && r.late === 95);
    expect(librairie.map((r) => r.offset)).toEqual([-3, 1, 7, 14, 30, 45, 60]);
    const tasks = await db().execute<{ kind: string }>(sql`SELECT kind FROM tasks`);
    expect(tasks.map((t) => t.kind)).toEqual(expect.arrayContaining(['call', 'collections']));

    // The seed left nothing due undone: the worker's next sweep finds nothing to send.
    const next = await runDunningSweep({ now: new Date(NOW.getTime() + 15 * 60_000) });
    expect(next).toMatchObject({ businesses: 1, claimed: [], requeued: [] });

    // Issue 7: one customer has several open invoices, and its statement link opens on them.
    const statement = await demoStatementLink(db());
    const token = statement!.url.split('/s/')[1]!;
    const customer = await loadStatementCustomer(db(), token);
    const open = await openStatementInvoices(db(), customer!.customerId, '2026-06-16');
    expect(open.length).toBeGreaterThanOrEqual(3);
  });
});
