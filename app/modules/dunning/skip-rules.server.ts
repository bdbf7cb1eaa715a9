import { sql, type SQL } from 'drizzle-orm';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';

/** Why a claimed step was not sent. The first seven come from skipReasonSql; the rest from the send handler. */
export type SkipReason =
  | 'paid'
  | 'void'
  | 'not_open'
  | 'at_agency'
  | 'promised'
  | 'on_plan'
  | 'debit_processing'
  | 'disputed'
  | 'too_late'
  | 'superseded'
  | 'archived_step'
  | 'no_recipient';

/** The invoice's balance (total less what was received and credited); `invoice` is an alias of an invoices row. */
export function balanceSql(invoice: SQL): SQL {
  const id = sql`${invoice}.id`;
  return sql`(${invoice}.total_minor - ${paidMinorSql(id)} - ${creditedMinorSql(id)})`;
}

/**
 * The same balance from the invoice's own `settled_minor` (kept by triggers in the transaction of every ledger
 * change, and checked against the ledger by a test): no per-invoice lookups, for the sweep, which reads a whole
 * book at once. Its claims are checked again with balanceSql when each reminder is sent.
 */
export function settledBalanceSql(invoice: SQL): SQL {
  return sql`(${invoice}.total_minor - ${invoice}.settled_minor)`;
}

/**
 * Why an invoice must not be reminded on `today` (a date in the business's time zone), or NULL when it may be.
 * The sweep and the send handler both use this one expression, so the rules cannot drift apart:
 * - paid: status paid, or nothing left to pay; void; any other status than open (uncollectible);
 * - at_agency: handed to a collection agency (collection_cases): the agency chases it now, not the ladder;
 * - promised: an active promise whose date has not passed (the debtor page says "promised for ..." until then);
 * - on_plan: a live installment plan (pending or active);
 * - debit_processing: a payment still processing (a bank debit Stripe has not confirmed yet), its own or a
 *   statement payment's share of it;
 * - disputed: "fully disputed" = the open disputes (waiting for us or for them) cover the whole balance, the same
 *   test the debtor page uses. A dispute on some lines only leaves the rest to remind.
 */
export function skipReasonSql(invoice: SQL, balance: SQL, today: SQL): SQL {
  const id = sql`${invoice}.id`;
  return sql`CASE
    WHEN ${invoice}.status = 'paid' THEN 'paid'
    WHEN ${invoice}.status = 'void' THEN 'void'
    WHEN ${invoice}.status <> 'open' THEN 'not_open'
    WHEN ${balance} <= 0 THEN 'paid'
    WHEN EXISTS (SELECT 1 FROM collection_cases cc WHERE cc.invoice_id = ${id}) THEN 'at_agency'
    WHEN EXISTS (SELECT 1 FROM promises p WHERE p.invoice_id = ${id} AND p.status = 'active'
      AND p.promised_date >= ${today}) THEN 'promised'
    WHEN EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.invoice_id = ${id}
      AND pp.status IN ('pending', 'active')) THEN 'on_plan'
    WHEN EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = ${id} AND p.status = 'processing') THEN 'debit_processing'
    WHEN EXISTS (SELECT 1 FROM statement_payment_allocations a JOIN statement_payments sp
      ON sp.id = a.statement_payment_id WHERE a.invoice_id = ${id} AND sp.status = 'processing'
      AND sp.applied_at IS NULL) THEN 'debit_processing'
    WHEN (SELECT COALESCE(SUM(d.amount_minor), 0) FROM disputes d WHERE d.invoice_id = ${id}
      AND d.status IN ('waiting_for_us', 'waiting_for_them')) >= ${balance} THEN 'disputed'
  END`;
}
