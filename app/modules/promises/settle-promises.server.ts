import { sql } from 'drizzle-orm';
import { promisesText } from '~/i18n/promises';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { resumeLadderFirmer } from '~/modules/dunning/resume-firmer.server';
import { balanceSql } from '~/modules/dunning/skip-rules.server';
import { createTask } from '~/modules/tasks/create-task.server';
import type { Db, Tx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { formatDate, isLocale, translator } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';

export type PromiseOutcome = 'kept' | 'broken' | 'cancelled' | 'waiting' | 'gone';

const system: Actor = { type: 'system' };

type Row = {
  id: string;
  invoice_id: string;
  promised_date: string;
  amount_minor: string | null;
  invoice_status: string;
  business_id: string;
  customer_id: string;
  number: string;
  currency: string;
  time_zone: string;
  business_locale: string;
  customer_name: string;
  balance: string;
  paid_in_time: string;
  pending_in_time: boolean;
};

/**
 * Decides an active promise, if it can be decided now (`now` gives today in the business's time zone):
 * - kept: the invoice is settled, or the payments made since the promise and no later than its date (a bank
 *   transfer's date received, or the day an online payment was made) reach the promised amount;
 * - broken: the promised date has passed (reminders paused until then: this is "the day after") and it was not
 *   kept, and no payment made in time is still being confirmed by the bank. Then: an event, a call task, and the
 *   ladder resumes one step firmer (resume-firmer.server.ts);
 * - cancelled: the invoice was voided or written off meanwhile.
 * A guarded update on the promise row (locked, status 'active'), so a rerun, a second worker or the payment hook
 * deciding the same promise change it once. Run inside the caller's transaction.
 */
export async function settlePromise(tx: Tx, promiseId: string, now: Date): Promise<PromiseOutcome> {
  const rows = await tx.execute<Row>(sql`
    SELECT p.id, p.invoice_id, to_char(p.promised_date, 'YYYY-MM-DD') AS promised_date, p.amount_minor,
      i.status AS invoice_status, i.business_id, i.customer_id, i.number, i.currency, b.time_zone,
      b.locale AS business_locale, c.name AS customer_name, ${balanceSql(sql`i`)} AS balance,
      (SELECT COALESCE(SUM(pay.amount_minor), 0) FROM payments pay
        WHERE pay.invoice_id = p.invoice_id AND pay.status = 'succeeded' AND pay.created_at >= p.created_at
          AND COALESCE(pay.received_on, (pay.created_at AT TIME ZONE b.time_zone)::date) <= p.promised_date)
        AS paid_in_time,
      EXISTS (SELECT 1 FROM payments pay
        WHERE pay.invoice_id = p.invoice_id AND pay.status = 'processing' AND pay.created_at >= p.created_at
          AND (pay.created_at AT TIME ZONE b.time_zone)::date <= p.promised_date) AS pending_in_time
    FROM promises p
    JOIN invoices i ON i.id = p.invoice_id
    JOIN business b ON b.id = i.business_id
    JOIN customers c ON c.id = i.customer_id
    WHERE p.id = ${promiseId} AND p.status = 'active'
    FOR UPDATE OF p`);
  const row = rows[0];
  if (!row) return 'gone';
  const today = todayIn(row.time_zone, now);
  const amount = row.amount_minor === null ? null : Number(row.amount_minor);
  const settled = row.invoice_status === 'paid' || Number(row.balance) <= 0;
  let outcome: PromiseOutcome;
  if (row.invoice_status === 'void' || row.invoice_status === 'uncollectible') outcome = 'cancelled';
  else if (settled || (amount !== null && Number(row.paid_in_time) >= amount)) outcome = 'kept';
  else if (today <= row.promised_date || row.pending_in_time) return 'waiting';
  else outcome = 'broken';

  await tx.execute(sql`UPDATE promises SET status = ${outcome}, resolved_at = ${now.toISOString()}::timestamptz
    WHERE id = ${row.id} AND status = 'active'`);
  const ids = { businessId: row.business_id, invoiceId: row.invoice_id, customerId: row.customer_id };
  if (outcome !== 'broken') {
    await recordEvent(tx, {
      ...ids,
      type: `promise.${outcome}`,
      actor: system,
      data: { promiseId: row.id, promisedDate: row.promised_date, paidInTimeMinor: Number(row.paid_in_time) },
    });
    return outcome;
  }

  const locale = isLocale(row.business_locale) ? row.business_locale : 'fr';
  const t = translator(locale, promisesText);
  const vars = {
    customer: row.customer_name,
    invoice: row.number,
    amount: formatMoney(amount ?? Number(row.balance), row.currency, locale),
    date: formatDate(row.promised_date, locale),
  };
  const taskId = await createTask(tx, {
    ...ids,
    kind: 'call',
    title: t('promise.task.title', vars),
    notes: t('promise.task.notes', vars),
    dueOn: today,
    dedupeKey: `promise-broken:${row.id}`,
  });
  const resumedAt = await resumeLadderFirmer(tx, { invoiceId: row.invoice_id, today, now });
  await recordEvent(tx, {
    ...ids,
    type: 'promise.broken',
    actor: system,
    data: { promiseId: row.id, promisedDate: row.promised_date, taskId, resumedAtOffset: resumedAt },
  });
  return 'broken';
}

/** The invoice's active promise, decided now if it can be (after a payment: kept at once). */
export async function settleInvoicePromise(tx: Tx, invoiceId: string, now: Date): Promise<PromiseOutcome> {
  const rows = await tx.execute<{ id: string }>(
    sql`SELECT id FROM promises WHERE invoice_id = ${invoiceId} AND status = 'active'`,
  );
  return rows[0] ? settlePromise(tx, rows[0].id, now) : 'gone';
}

/**
 * The worker's promise check: every active promise is looked at, each in its own transaction. Safe to run any
 * number of times, from any number of workers.
 */
export async function settleDuePromises(db: Db, now: Date): Promise<Record<PromiseOutcome, number>> {
  const active = await db.execute<{ id: string }>(
    sql`SELECT id FROM promises WHERE status = 'active' ORDER BY promised_date`,
  );
  const counts: Record<PromiseOutcome, number> = { kept: 0, broken: 0, cancelled: 0, waiting: 0, gone: 0 };
  for (const { id } of active) counts[await db.transaction((tx) => settlePromise(tx, id, now))]++;
  return counts;
}
