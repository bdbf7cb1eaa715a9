import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterEach, describe, expect, test } from 'vitest';
import { at, createBusiness, createInvoiceDueOn } from '../../../test/factories';
import { reminderEmails, reminderEvents, remindersOf } from '../../../test/support/dunning';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import {
  DUNNING_SEND_QUEUE,
  DUNNING_SWEEP_CRON,
  DUNNING_SWEEP_QUEUE,
  processReminderJobs,
  registerDunningJobs,
} from './dunning-jobs.server';

const T = '2026-06-16';
const NOW = at(T, 10);
const bosses: PgBoss[] = [];

/** A worker's job queue, in this process: same database, its own pool. */
async function startWorker(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: 'pgboss', max: 3 });
  boss.on('error', () => {});
  await boss.start();
  bosses.push(boss);
  await registerDunningJobs(boss, { clock: () => NOW });
  return boss;
}

afterEach(async () => {
  await Promise.all(bosses.splice(0).map((b) => b.stop({ graceful: false, wait: true, timeout: 5000 })));
  await db().execute(sql`DROP TRIGGER IF EXISTS poison_reminder ON reminders`);
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function jobStates(reminderId: string): Promise<string[]> {
  const rows = await db().execute<{ state: string }>(
    sql`SELECT state FROM pgboss.job WHERE name = ${DUNNING_SEND_QUEUE} AND data->'reminderIds' ? ${reminderId}`,
  );
  return rows.map((r) => r.state);
}

describe('the worker’s dunning jobs', () => {
  test('two workers: the sweep is scheduled every 15 minutes, triggered on both, and each step goes out once', async () => {
    const { id: businessId } = await createBusiness();
    const invoices = await Promise.all(
      [1, 7].map((late) => createInvoiceDueOn(addDaysIso(T, -late), { businessId })),
    );
    const [first, second] = [await startWorker(), await startWorker()];
    expect(await first.getSchedules()).toContainEqual(
      expect.objectContaining({ name: DUNNING_SWEEP_QUEUE, cron: DUNNING_SWEEP_CRON }),
    );
    expect(DUNNING_SWEEP_CRON).toBe('*/15 * * * *');

    await Promise.all([first.send(DUNNING_SWEEP_QUEUE, {}), second.send(DUNNING_SWEEP_QUEUE, {})]);
    for (const invoice of invoices) {
      const rows = await waitFor(
        () => remindersOf(invoice.invoiceId),
        (r) => r.length === 1 && r[0]!.status === 'sent',
      );
      expect(rows).toEqual([expect.objectContaining({ status: 'sent' })]);
    }
    // Both sweeps have run by now (singleton: one after the other); let any late job finish, then count.
    await waitFor(
      () =>
        db()
          .execute(sql`SELECT 1 FROM pgboss.job WHERE name IN (${DUNNING_SWEEP_QUEUE}, ${DUNNING_SEND_QUEUE})
        AND state IN ('created', 'active', 'retry')`),
      (rows) => rows.length === 0,
    );
    for (const invoice of invoices) {
      expect(await reminderEmails(invoice.invoiceId)).toHaveLength(1);
      expect(await reminderEvents(invoice.invoiceId)).toHaveLength(1);
      const [reminder] = await remindersOf(invoice.invoiceId);
      expect(await jobStates(reminder!.id)).toEqual(['completed']);
    }
  });

  test('a send that throws fails its job (retried later) without holding back the other reminders in it', async () => {
    const { id: businessId } = await createBusiness();
    const [healthy, poisoned] = await Promise.all(
      [1, 1].map(() => createInvoiceDueOn(addDaysIso(T, -1), { businessId })),
    );
    await db().execute(
      sql.raw(`CREATE OR REPLACE FUNCTION poison_reminder() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'mail server on fire'; END $$ LANGUAGE plpgsql`),
    );
    await db().execute(
      sql.raw(`CREATE TRIGGER poison_reminder BEFORE UPDATE ON reminders FOR EACH ROW
        WHEN (NEW.invoice_id = '${poisoned!.invoiceId}') EXECUTE FUNCTION poison_reminder()`),
    );
    const worker = await startWorker();
    await worker.send(DUNNING_SWEEP_QUEUE, {});

    const [sent] = await waitFor(
      () => remindersOf(healthy!.invoiceId),
      (r) => r[0]?.status === 'sent',
    );
    expect(sent!.status).toBe('sent');
    const [stuck] = await remindersOf(poisoned!.invoiceId);
    // Both were claimed by the same sweep, so they share a job: it fails, to be retried.
    const states = await waitFor(
      () => jobStates(stuck!.id),
      (s) => s.includes('retry'),
    );
    expect(states).toEqual(['retry']);
    expect(await jobStates(sent!.id)).toEqual(['retry']);
    expect(stuck!.status).toBe('claimed');
    expect(await reminderEmails(poisoned!.invoiceId)).toHaveLength(0);
    expect(await reminderEmails(healthy!.invoiceId)).toHaveLength(1);

    // The retry, once the fault is gone, sends the stuck one and leaves the other alone.
    await db().execute(sql`DROP TRIGGER poison_reminder ON reminders`);
    const retry = { id: 'retry', name: DUNNING_SEND_QUEUE, data: { reminderIds: [sent!.id, stuck!.id] } };
    await processReminderJobs(worker, [{ ...retry, expireInSeconds: 60 }], { clock: () => NOW });
    expect(await remindersOf(poisoned!.invoiceId)).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(await reminderEmails(poisoned!.invoiceId)).toHaveLength(1);
    expect(await reminderEmails(healthy!.invoiceId)).toHaveLength(1);
  });
});
