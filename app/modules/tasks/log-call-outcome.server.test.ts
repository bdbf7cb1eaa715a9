import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { disputes, events, invoices, promises, tasks } from '#db/schema/index';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { createOverdueInvoice, createUser } from '../../../test/factories';
import { logCallOutcome } from './log-call-outcome.server';

const today = todayIn('Europe/Paris');

async function arrange() {
  const invoice = await createOverdueInvoice(14);
  const user = await createUser(invoice.businessId);
  const [task] = await db()
    .insert(tasks)
    .values({
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      kind: 'call',
      title: 'Appeler',
      dueOn: today,
      dedupeKey: `call:${invoice.invoiceId}`,
    })
    .returning();
  return { invoice, task: task!, actor: { type: 'user' as const, id: user.id } };
}

describe('logCallOutcome under concurrency', () => {
  it('two submits at once: one closes the task and records the promise, the other changes nothing', async () => {
    const { invoice, task, actor } = await arrange();
    const input = {
      businessId: invoice.businessId,
      taskId: task.id,
      actor,
      today,
      reached: true,
      promisedDate: addDaysIso(today, 5),
    };
    const results = await Promise.all([logCallOutcome(db(), input), logCallOutcome(db(), input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false });
    const rows = await db().select().from(promises).where(eq(promises.invoiceId, invoice.invoiceId));
    expect(rows).toMatchObject([{ status: 'active', source: 'staff', recordedBy: actor.id }]);
    const logged = await db().select().from(events).where(eq(events.invoiceId, invoice.invoiceId));
    expect(logged.filter((e) => e.type === 'task.done')).toHaveLength(1);
    expect(logged.filter((e) => e.type === 'promise.recorded')).toHaveLength(1);
  });

  it('a debtor promise that lands first wins: the staff outcome is refused and the task stays open', async () => {
    const { invoice, task, actor } = await arrange();
    await db()
      .insert(promises)
      .values({ invoiceId: invoice.invoiceId, promisedDate: today, source: 'debtor' });
    const result = await logCallOutcome(db(), {
      businessId: invoice.businessId,
      taskId: task.id,
      actor,
      today,
      reached: true,
      promisedDate: addDaysIso(today, 3),
      disputeReason: 'wrong_amount',
    });
    expect(result).toEqual({ ok: false, error: 'promise_exists' });
    const [row] = await db().select().from(tasks).where(eq(tasks.id, task.id));
    expect(row!.status).toBe('open');
  });
});

describe('a dispute raised on a call', () => {
  it('opens the dispute with its "dispute to answer" task, as one raised on the page does; twice makes one', async () => {
    const { invoice, task, actor } = await arrange();
    const input = {
      businessId: invoice.businessId,
      taskId: task.id,
      actor,
      today,
      reached: true,
      disputeReason: 'wrong_amount' as const,
      notes: 'Le client conteste la quantité livrée.',
    };
    const results = await Promise.all([logCallOutcome(db(), input), logCallOutcome(db(), input)]);
    const ok = results.find((r) => r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const opened = await db().select().from(disputes).where(eq(disputes.invoiceId, invoice.invoiceId));
    expect(opened).toHaveLength(1);
    expect(ok).toMatchObject({ disputeId: opened[0]!.id });

    const [number] = await db()
      .select({ number: invoices.number })
      .from(invoices)
      .where(eq(invoices.id, invoice.invoiceId));
    const toAnswer = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.invoiceId, invoice.invoiceId), eq(tasks.kind, 'dispute')));
    expect(toAnswer).toMatchObject([
      { status: 'open', dueOn: today, dedupeKey: `dispute:${opened[0]!.id}`, businessId: invoice.businessId },
    ]);
    expect(toAnswer[0]!.title).toContain(number!.number!);
  });
});
