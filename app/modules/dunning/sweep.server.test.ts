import { spawn } from 'node:child_process';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { dunningSteps, emails, events, reminders } from '#db/schema/index';
import {
  at,
  createBusiness,
  createCustomer,
  createDunningPolicy,
  createInvoiceDueOn,
} from '../../../test/factories';
import {
  reminderEmails,
  reminderEvents,
  remindersOf,
  secondConnection,
  sweepAndSend,
  tasksOf,
} from '../../../test/support/dunning';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { sendReminder } from './send-reminder.server';
import { runDunningSweep } from './sweep.server';

// Tuesday 16 June 2026, a business day in France; sweeps run at 10:00 Paris time unless a test says otherwise.
const T = '2026-06-16';
const NOW = at(T, 10);
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function lateInvoice(daysLate: number, businessId?: string) {
  const biz = businessId ?? (await createBusiness()).id;
  return createInvoiceDueOn(addDaysIso(T, -daysLate), { businessId: biz });
}

describe('each due step is sent exactly once', () => {
  test('run twice, or every 15 minutes all day: one email, one event, the reminder marked sent', async () => {
    const invoice = await lateInvoice(1);
    const first = await sweepAndSend(NOW);
    const [reminder] = await remindersOf(invoice.invoiceId);
    expect(first.claimed).toContain(reminder!.id);
    for (const later of [0, 15, 30, 60, 240]) await sweepAndSend(minutes(later));

    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 1, status: 'sent', scheduledOn: T, skipReason: null }),
    ]);
    const mails = await reminderEmails(invoice.invoiceId);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.id).toBe((await remindersOf(invoice.invoiceId))[0]!.emailId);
    expect(mails[0]!.to).toEqual([expect.stringMatching(/^billing-/)]);
    expect(mails[0]!.cc).toEqual([expect.stringMatching(/^ap-/)]);
    expect(await reminderEvents(invoice.invoiceId)).toEqual([
      {
        type: 'reminder.sent',
        data: expect.objectContaining({
          offsetDays: 1,
          channel: 'email',
          scheduledOn: T,
          emailId: mails[0]!.id,
        }),
      },
    ]);
  });

  test('two sweeps at once on two connections claim each step once; two workers sending at once send once', async () => {
    const business = await createBusiness();
    const invoices = await Promise.all([0, 1, 2, 7, 14, 30].map((late) => lateInvoice(late, business.id)));
    const ids = invoices.map((i) => i.invoiceId);
    const other = secondConnection();
    cleanups.push(other.close);

    const [a, b] = await Promise.all([
      runDunningSweep({ now: NOW }),
      runDunningSweep({ now: NOW, db: other.db }),
    ]);
    const ours = await db()
      .select({ id: reminders.id })
      .from(reminders)
      .where(inArray(reminders.invoiceId, ids));
    // One step each, due today or within the 3-day grace: -3 (3 days ago), +1, +1 (yesterday), +7, +14 (a call), +30.
    expect(ours).toHaveLength(6);
    const mine = new Set(ours.map((r) => r.id));
    const byA = a.claimed.filter((id) => mine.has(id));
    const byB = b.claimed.filter((id) => mine.has(id));
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect([...byA, ...byB].sort()).toEqual([...mine].sort());

    // Both workers get every job (as if each had been handed the whole batch), and run them at the same time.
    const outcomes = await Promise.all([
      ...[...mine].map((reminderId) => sendReminder(db(), { reminderId, now: NOW })),
      ...[...mine].map((reminderId) => sendReminder(other.db, { reminderId, now: NOW })),
    ]);
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(6);
    expect(outcomes.filter((o) => o.status === 'gone')).toHaveLength(6);
    for (const invoice of invoices) {
      const rows = await remindersOf(invoice.invoiceId);
      expect(rows.map((r) => r.status)).toEqual(['sent']);
      const channel = rows[0]!.offset === 14 ? 'call_task' : 'email';
      expect(await reminderEmails(invoice.invoiceId)).toHaveLength(channel === 'email' ? 1 : 0);
      expect(await tasksOf(invoice.invoiceId)).toHaveLength(channel === 'email' ? 0 : 1);
      expect(await reminderEvents(invoice.invoiceId)).toHaveLength(1);
    }
  });
});

describe('a worker killed in the middle of a sweep', () => {
  test('after claiming, before sending: the claim waits, then the next sweep sends it once', async () => {
    const invoice = await lateInvoice(7);
    await expect(
      runDunningSweep({
        now: NOW,
        enqueue: async () => {
          throw new Error('killed before the send jobs were queued');
        },
      }),
    ).rejects.toThrow('killed');
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 7, status: 'claimed' }),
    ]);
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(0);

    // A sweep a few minutes later leaves a fresh claim alone (its send may still be on its way)...
    const soon = await sweepAndSend(minutes(3));
    const [claim] = await remindersOf(invoice.invoiceId);
    expect(soon.requeued).not.toContain(claim!.id);
    expect(claim!.status).toBe('claimed');
    // ...the next regular sweep hands it out again, and it goes out once.
    const next = await sweepAndSend(minutes(15));
    expect(next.requeued).toContain(claim!.id);
    await sweepAndSend(minutes(30));
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 7, status: 'sent' }),
    ]);
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(1);
    expect(await reminderEvents(invoice.invoiceId)).toHaveLength(1);
  });

  test('killed after the outbox write, before the reminder is marked: nothing half-written, the rerun sends once', async () => {
    const invoice = await lateInvoice(1);
    const { claimed } = await runDunningSweep({ now: NOW });
    const [claim] = await remindersOf(invoice.invoiceId);
    expect(claimed).toContain(claim!.id);

    // The worker's transaction stalls right after the outbox write (as it records the event); a probe sequence,
    // which is not transactional, shows that the reminder email row existed inside it when the worker died.
    await db().execute(sql`CREATE SEQUENCE crash_probe`);
    await db().execute(sql`CREATE FUNCTION stall_reminder_event() RETURNS trigger AS $$
      BEGIN
        IF NEW.type = 'reminder.sent' THEN
          IF EXISTS (SELECT 1 FROM emails WHERE invoice_id = NEW.invoice_id AND dedupe_key LIKE 'reminder:%') THEN
            PERFORM nextval('crash_probe');
          END IF;
          PERFORM pg_sleep(60);
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db().execute(sql`CREATE TRIGGER stall_reminder_event BEFORE INSERT ON events
      FOR EACH ROW EXECUTE FUNCTION stall_reminder_event()`);
    cleanups.push(async () => {
      await db().execute(sql`DROP TRIGGER IF EXISTS stall_reminder_event ON events`);
      await db().execute(sql`DROP FUNCTION IF EXISTS stall_reminder_event()`);
      await db().execute(sql`DROP SEQUENCE IF EXISTS crash_probe`);
    });

    // A separate worker process, killed with SIGKILL while its transaction is open. Postgres notices the dead
    // client within 100 ms (client_connection_check_interval) and rolls back.
    await db().execute(sql.raw(`ALTER DATABASE ${dbName()} SET client_connection_check_interval = 100`));
    const worker = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/send-one-reminder.ts', claim!.id, NOW.toISOString()],
      {
        env: process.env,
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    cleanups.push(async () => {
      worker.kill('SIGKILL');
      await db().execute(sql.raw(`ALTER DATABASE ${dbName()} RESET client_connection_check_interval`));
    });
    const pid = await waitFor(async () => {
      const rows = await db().execute<{ pid: number }>(sql`SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event = 'PgSleep'`);
      return rows[0]?.pid;
    });
    const [probe] = await db().execute<{ is_called: boolean }>(sql`SELECT is_called FROM crash_probe`);
    expect(probe!.is_called).toBe(true);
    worker.kill('SIGKILL');
    await exited;
    await waitFor(async () => {
      const rows = await db().execute(sql`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`);
      return rows.length === 0 || undefined;
    });

    // Postgres rolled the whole transaction back: still claimed, no email, no event.
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ status: 'claimed', emailId: null }),
    ]);
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(0);
    expect(await reminderEvents(invoice.invoiceId)).toHaveLength(0);

    await db().execute(sql`DROP TRIGGER stall_reminder_event ON events`);
    await sweepAndSend(minutes(15));
    await sweepAndSend(minutes(30));
    expect(await remindersOf(invoice.invoiceId)).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(1);
    expect(await reminderEvents(invoice.invoiceId)).toHaveLength(1);
  });

  test('a failure after a call task was created rolls the task back too; the rerun creates one task', async () => {
    const business = await createBusiness();
    const customer = await createCustomer(business.id);
    const { policyId } = await createDunningPolicy(business.id);
    await db().execute(sql`UPDATE customers SET dunning_policy_id = ${policyId} WHERE id = ${customer.id}`);
    const invoice = await createInvoiceDueOn(addDaysIso(T, -8), {
      businessId: business.id,
      customerId: customer.id,
    });
    const { claimed } = await runDunningSweep({ now: NOW });
    const [claim] = await remindersOf(invoice.invoiceId);
    expect(claimed).toContain(claim!.id);
    expect(claim!.offset).toBe(8);

    await db().execute(sql`CREATE FUNCTION fail_reminder_mark() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'worker died'; END $$ LANGUAGE plpgsql`);
    await db().execute(sql`CREATE TRIGGER fail_reminder_mark BEFORE UPDATE ON reminders
      FOR EACH ROW WHEN (NEW.status = 'sent') EXECUTE FUNCTION fail_reminder_mark()`);
    cleanups.push(async () => {
      await db().execute(sql`DROP TRIGGER IF EXISTS fail_reminder_mark ON reminders`);
      await db().execute(sql`DROP FUNCTION IF EXISTS fail_reminder_mark()`);
    });
    const failure = await sendReminder(db(), { reminderId: claim!.id, now: NOW }).catch(
      (error: Error) => error,
    );
    expect((failure as Error).cause).toMatchObject({ message: 'worker died' });
    expect(await tasksOf(invoice.invoiceId)).toHaveLength(0);
    expect((await remindersOf(invoice.invoiceId))[0]!.status).toBe('claimed');

    await db().execute(sql`DROP TRIGGER fail_reminder_mark ON reminders`);
    await sweepAndSend(minutes(20));
    const [task] = await tasksOf(invoice.invoiceId);
    expect(await tasksOf(invoice.invoiceId)).toHaveLength(1);
    expect(task).toMatchObject({ kind: 'call', dueOn: T, status: 'open' });
    expect((await remindersOf(invoice.invoiceId))[0]).toMatchObject({ status: 'sent', taskId: task!.id });
  });
});

describe('what a claimed step becomes at sending time', () => {
  test('outside the window it waits, then goes out the next morning within its grace', async () => {
    const invoice = await lateInvoice(1);
    const { claimed } = await runDunningSweep({ now: at(T, 17, 55) });
    const [claim] = await remindersOf(invoice.invoiceId);
    expect(claimed).toContain(claim!.id);
    expect(await sendReminder(db(), { reminderId: claim!.id, now: at(T, 18, 1) })).toEqual({
      status: 'deferred',
    });
    expect((await remindersOf(invoice.invoiceId))[0]!.status).toBe('claimed');
    const evening = await sweepAndSend(at(T, 18, 15));
    expect(evening.requeued).not.toContain(claim!.id);

    const morning = await sweepAndSend(at(addDaysIso(T, 1), 9, 0));
    expect(morning.requeued).toContain(claim!.id);
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ status: 'sent', scheduledOn: T }),
    ]);
  });

  test('a claim stuck past its grace is skipped as too late, never sent late', async () => {
    const invoice = await lateInvoice(1);
    await runDunningSweep({ now: NOW });
    const [claim] = await remindersOf(invoice.invoiceId);
    const outcome = await sendReminder(db(), { reminderId: claim!.id, now: at(addDaysIso(T, 6), 10) });
    expect(outcome).toEqual({ status: 'skipped', reason: 'too_late' });
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(0);
    expect(await reminderEvents(invoice.invoiceId)).toEqual([
      { type: 'reminder.skipped', data: expect.objectContaining({ reason: 'too_late', offsetDays: 1 }) },
    ]);
  });

  test('a stuck claim overtaken by the next step is skipped as superseded: one reminder, not two at once', async () => {
    const business = await createBusiness();
    const customer = await createCustomer(business.id);
    const { policyId } = await createDunningPolicy(business.id); // ... -1, +1 ...
    await db().execute(sql`UPDATE customers SET dunning_policy_id = ${policyId} WHERE id = ${customer.id}`);
    const due = addDaysIso(T, 1); // -1 falls today, +1 on Thursday
    const invoice = await createInvoiceDueOn(due, { businessId: business.id, customerId: customer.id });
    await runDunningSweep({ now: at(T, 17, 55) });
    const [stuck] = await remindersOf(invoice.invoiceId);
    expect(stuck).toMatchObject({ offset: -1, status: 'claimed' });

    const thursday = await sweepAndSend(at(addDaysIso(T, 2), 9, 5)); // -1 is 2 days late, still within grace
    expect(thursday.requeued).toContain(stuck!.id);
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: -1, status: 'skipped', skipReason: 'superseded' }),
      expect.objectContaining({ offset: 1, status: 'sent' }),
    ]);
    expect(await reminderEmails(invoice.invoiceId)).toHaveLength(1);
  });

  test('a step archived after its claim is skipped; a customer with no address left is skipped', async () => {
    const first = await lateInvoice(1);
    const business = first.businessId;
    const second = await lateInvoice(1, business);
    await runDunningSweep({ now: NOW });
    const [claim] = await remindersOf(first.invoiceId);
    const [other] = await remindersOf(second.invoiceId);
    await db().execute(
      sql`UPDATE contacts SET email_suppressed_at = now() WHERE customer_id = ${second.customerId}`,
    );
    // The two invoices share the business's default policy: archive its +1 step only after sending the second.
    expect(await sendReminder(db(), { reminderId: other!.id, now: NOW })).toEqual({
      status: 'skipped',
      reason: 'no_recipient',
    });
    await db().update(dunningSteps).set({ archivedAt: new Date() }).where(eq(dunningSteps.id, claim!.stepId));
    expect(await sendReminder(db(), { reminderId: claim!.id, now: NOW })).toEqual({
      status: 'skipped',
      reason: 'archived_step',
    });
    expect(
      await db()
        .select()
        .from(emails)
        .where(inArray(emails.invoiceId, [first.invoiceId, second.invoiceId])),
    ).toHaveLength(2); // the two "invoice issued" emails, no reminder
    const skipped = await db()
      .select({ data: events.data })
      .from(events)
      .where(eq(events.type, 'reminder.skipped'));
    expect(skipped.map((e) => e.data.reason)).toEqual(
      expect.arrayContaining(['no_recipient', 'archived_step']),
    );
  });
});

function dbName(): string {
  return new URL(process.env.DATABASE_URL!).pathname.slice(1);
}

/** Polls until `read` gives a value (10 s at most). */
async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}
