import { and, eq, sql } from 'drizzle-orm';
import { business, invoices, reminders } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import type { Db, Tx } from '~/utils/db.server';
import { daysBetween } from '~/utils/dates';
import { isInSendingWindow, localTime } from './business-calendar';
import { queueReminderEmail } from './reminder-message.server';
import { balanceSql, skipReasonSql, type SkipReason } from './skip-rules.server';
import { createStepTask } from './step-tasks.server';
import type { DunningChannel, ReminderStep } from './types';

export type SendOutcome =
  | { status: 'sent'; channel: DunningChannel; emailId: string | null; taskId: string | null }
  | { status: 'skipped'; reason: SkipReason }
  /** Outside the business's sending window: left claimed, the next sweep inside the window hands it out again. */
  | { status: 'deferred' }
  /** Already sent or skipped, unknown, or being sent by another worker right now: nothing to do. */
  | { status: 'gone' };

const system = { type: 'system' } as const;

/**
 * Sends one claimed reminder, in ONE transaction: lock the reminder (SKIP LOCKED: two workers never both hold it),
 * check the skip rules, the grace and the window again, dispatch by channel (email and letter: the reminder email
 * in the outbox; call and collections: a task), mark the reminder sent or skipped, and record the event on the
 * invoice's timeline. Safe to run any number of times, from any number of workers: only a 'claimed' row is ever
 * acted on, and all the writes commit together or not at all.
 *
 * Which side it errs on: a step is sent at most once, and within its grace at least once. A worker killed after
 * the claim, or in the middle of this transaction, leaves the reminder 'claimed' with nothing written (Postgres
 * rolls the transaction back), so the next sweep hands it out again and it is sent once. There is no moment where
 * the email exists but the reminder is not marked: both are in the same commit. Past the grace, a stuck claim is
 * skipped as too_late rather than sent: a stale or duplicate dunning email to a customer costs more goodwill
 * than a missing one, and the next rung of the ladder comes anyway. Delivery of the queued email is the outbox
 * worker's job (at least once, with the email id as Resend's idempotency key, so once in effect).
 */
export async function sendReminder(db: Db, input: { reminderId: string; now: Date }): Promise<SendOutcome> {
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .select({
        id: reminders.id,
        invoiceId: reminders.invoiceId,
        stepId: reminders.stepId,
        scheduledOn: reminders.scheduledOn,
        businessId: invoices.businessId,
        customerId: invoices.customerId,
        timeZone: business.timeZone,
        country: business.country,
        startHour: business.reminderWindowStartHour,
        endHour: business.reminderWindowEndHour,
        grace: business.reminderGraceDays,
      })
      .from(reminders)
      .innerJoin(invoices, eq(invoices.id, reminders.invoiceId))
      .innerJoin(business, eq(business.id, invoices.businessId))
      .where(and(eq(reminders.id, input.reminderId), eq(reminders.status, 'claimed')))
      .for('update', { of: reminders, skipLocked: true });
    if (!claim) return { status: 'gone' };
    if (!isInSendingWindow(claim, input.now)) return { status: 'deferred' };

    const today = localTime(input.now, claim.timeZone).date;
    const state = await readState(tx, claim.id, today);
    const reason: SkipReason | null = state.archived
      ? 'archived_step'
      : (state.skipReason ??
        (daysBetween(claim.scheduledOn, today) > claim.grace ? 'too_late' : null) ??
        (state.superseded ? 'superseded' : null));
    if (reason) return skip(tx, claim, state.step, reason);

    let emailId: string | null = null;
    let taskId: string | null = null;
    if (state.step.channel === 'email' || state.step.channel === 'letter') {
      const queued = await queueReminderEmail(tx, {
        invoiceId: claim.invoiceId,
        step: state.step,
        asOf: today,
      });
      if ('skipped' in queued && queued.skipped === 'no_recipient') {
        return skip(tx, claim, state.step, 'no_recipient');
      }
      // 'already_queued' cannot follow from this code (the email and the 'sent' mark commit together); if the
      // email exists anyway, the step did go out, so the reminder is marked sent without sending it again.
      emailId = 'emailId' in queued ? queued.emailId : null;
    } else {
      taskId = await createStepTask(tx, {
        step: state.step,
        invoice: {
          ...state.invoice,
          id: claim.invoiceId,
          businessId: claim.businessId,
          customerId: claim.customerId,
        },
        customerName: state.customerName,
        businessName: state.businessName,
        balanceMinor: state.balanceMinor,
        locale: state.businessLocale,
        today,
      });
    }

    await tx
      .update(reminders)
      .set({ status: 'sent', sentAt: input.now, emailId, taskId })
      .where(and(eq(reminders.id, claim.id), eq(reminders.status, 'claimed')));
    await recordEvent(tx, {
      businessId: claim.businessId,
      invoiceId: claim.invoiceId,
      customerId: claim.customerId,
      type: 'reminder.sent',
      actor: system,
      data: { ...eventData(claim, state.step), emailId, taskId },
      dedupeKey: `reminder:${claim.id}`,
    });
    return { status: 'sent', channel: state.step.channel, emailId, taskId };
  });
}

type Claim = { id: string; invoiceId: string; businessId: string; customerId: string; scheduledOn: string };

async function skip(tx: Tx, claim: Claim, step: ReminderStep, reason: SkipReason): Promise<SendOutcome> {
  await tx
    .update(reminders)
    .set({ status: 'skipped', skipReason: reason })
    .where(and(eq(reminders.id, claim.id), eq(reminders.status, 'claimed')));
  await recordEvent(tx, {
    businessId: claim.businessId,
    invoiceId: claim.invoiceId,
    customerId: claim.customerId,
    type: 'reminder.skipped',
    actor: system,
    data: { ...eventData(claim, step), reason },
    dedupeKey: `reminder:${claim.id}`,
  });
  return { status: 'skipped', reason };
}

function eventData(claim: Claim, step: ReminderStep) {
  return {
    reminderId: claim.id,
    stepId: step.id,
    offsetDays: step.offsetDays,
    channel: step.channel,
    tone: step.tone,
    scheduledOn: claim.scheduledOn,
  };
}

/** The step, the invoice's figures and the skip rules as they stand now, in one query. */
async function readState(tx: Tx, reminderId: string, today: string) {
  const balance = sql`m.balance`;
  const rows = await tx.execute<{
    step_id: string;
    offset_days: number;
    channel: DunningChannel;
    tone: ReminderStep['tone'];
    subject_fr: string;
    body_fr: string;
    subject_en: string;
    body_en: string;
    archived: boolean;
    superseded: boolean;
    number: string | null;
    currency: string;
    due_date: string;
    balance: string;
    skip_reason: SkipReason | null;
    customer_name: string;
    business_name: string;
    business_locale: string;
  }>(sql`
    SELECT st.id AS step_id, st.offset_days, st.channel, st.tone, st.subject_fr, st.body_fr, st.subject_en,
      st.body_en, st.archived_at IS NOT NULL AS archived, i.number, i.currency,
      to_char(i.due_date, 'YYYY-MM-DD') AS due_date, m.balance,
      -- A later step was claimed or sent since this claim got stuck: the customer gets that one, not both at once.
      EXISTS (SELECT 1 FROM reminders r2 JOIN dunning_steps s2 ON s2.id = r2.step_id
        WHERE r2.invoice_id = r.invoice_id AND r2.status IN ('claimed', 'sent') AND s2.offset_days > st.offset_days)
        AS superseded,
      ${skipReasonSql(sql`i`, balance, sql`${today}::date`)} AS skip_reason,
      c.name AS customer_name, b.name AS business_name, b.locale AS business_locale
    FROM reminders r
    JOIN dunning_steps st ON st.id = r.step_id
    JOIN invoices i ON i.id = r.invoice_id
    JOIN customers c ON c.id = i.customer_id
    JOIN business b ON b.id = i.business_id
    CROSS JOIN LATERAL (SELECT ${balanceSql(sql`i`)} AS balance OFFSET 0) m
    WHERE r.id = ${reminderId}`);
  const row = rows[0]!;
  const step: ReminderStep = {
    id: row.step_id,
    offsetDays: row.offset_days,
    channel: row.channel,
    tone: row.tone,
    subjectFr: row.subject_fr,
    bodyFr: row.body_fr,
    subjectEn: row.subject_en,
    bodyEn: row.body_en,
  };
  return {
    step,
    archived: row.archived,
    superseded: row.superseded,
    skipReason: row.skip_reason,
    balanceMinor: Number(row.balance),
    invoice: { number: row.number ?? '', currency: row.currency, dueDate: row.due_date },
    customerName: row.customer_name,
    businessName: row.business_name,
    businessLocale: row.business_locale,
  };
}
