/** Runs the dunning sweep the way the worker does, and reads back what it did to an invoice. */
import { and, asc, eq, like } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { dunningSteps, emails, events, reminders, tasks } from '#db/schema/index';
import * as schema from '#db/schema/index';
import { sendReminder, type SendOutcome } from '~/modules/dunning/send-reminder.server';
import { runDunningSweep } from '~/modules/dunning/sweep.server';
import { db, type Db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { at } from '../factories/dunning';

/** One sweep, then every reminder it handed out sent at once (what the send queue does right after). */
export async function sweepAndSend(now: Date, database: Db = db()) {
  const result = await runDunningSweep({ now, db: database });
  const outcomes: SendOutcome[] = [];
  for (const reminderId of [...result.claimed, ...result.requeued]) {
    outcomes.push(await sendReminder(database, { reminderId, now }));
  }
  return { ...result, outcomes };
}

/** A sweep at 10:00 (Paris) every day from `from` to `to` inclusive; weekends and holidays send nothing. */
export async function sweepDaily(from: string, to: string) {
  for (let day = from; day <= to; day = addDaysIso(day, 1)) await sweepAndSend(at(day, 10));
}

/** A second pool to the same database: another worker's connections. */
export function secondConnection(): { db: Db; close: () => Promise<void> } {
  const client = postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
  return { db: drizzle(client, { schema }), close: () => client.end({ timeout: 5 }) };
}

export async function remindersOf(invoiceId: string) {
  return db()
    .select({
      id: reminders.id,
      stepId: reminders.stepId,
      offset: dunningSteps.offsetDays,
      policyId: dunningSteps.policyId,
      status: reminders.status,
      skipReason: reminders.skipReason,
      scheduledOn: reminders.scheduledOn,
      emailId: reminders.emailId,
      taskId: reminders.taskId,
    })
    .from(reminders)
    .innerJoin(dunningSteps, eq(dunningSteps.id, reminders.stepId))
    .where(eq(reminders.invoiceId, invoiceId))
    .orderBy(asc(dunningSteps.offsetDays));
}

/** Offsets of the steps that went out (sent), in order. */
export async function sentOffsets(invoiceId: string): Promise<number[]> {
  return (await remindersOf(invoiceId)).filter((r) => r.status === 'sent').map((r) => r.offset);
}

/** The invoice's reminder emails, known by queueReminderEmail's dedupe key (`reminder:<invoice>:<step>`). */
export async function reminderEmails(invoiceId: string) {
  return db()
    .select()
    .from(emails)
    .where(and(eq(emails.invoiceId, invoiceId), like(emails.dedupeKey, 'reminder:%')))
    .orderBy(asc(emails.createdAt));
}

export async function reminderEvents(invoiceId: string) {
  return db()
    .select({ type: events.type, data: events.data })
    .from(events)
    .where(and(eq(events.invoiceId, invoiceId), like(events.type, 'reminder.%')))
    .orderBy(asc(events.createdAt));
}

export async function tasksOf(invoiceId: string) {
  return db().select().from(tasks).where(eq(tasks.invoiceId, invoiceId));
}
