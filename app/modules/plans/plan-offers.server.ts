import { sql } from 'drizzle-orm';
import { balanceSql } from '~/modules/dunning/skip-rules.server';
import type { DbOrTx } from '~/utils/db.server';
import { eligibleSchedules, isValidOffer, type InstallmentOffer, type SchedulePart } from './schedule';

export type OffersRefusal = 'prepay_only' | 'not_allowed' | 'too_small' | 'not_payable' | 'promised';

export type PlanOffers =
  | { ok: true; offers: { offer: InstallmentOffer; parts: SchedulePart[] }[] }
  | { ok: false; reason: OffersRefusal; minMinor?: number };

type Row = {
  offers: InstallmentOffer[];
  min_first: string;
  max_days: number;
  min_invoice: string;
  time_zone: string;
  credit_policy: string;
  installments_allowed: boolean;
  status: string;
  balance: string;
  disputed: string;
  processing: string;
  promised: boolean;
};

/**
 * The installment offers this invoice may be paid by today, each with its exact schedule (the first part today).
 * None for a prepay-only customer or one the business switched off, an invoice with a disputed or processing part
 * (a plan covers the whole balance), one with an active promise, or a balance under the business's minimum.
 */
export async function planOffersFor(tx: DbOrTx, invoiceId: string, today: string): Promise<PlanOffers> {
  const rows = await tx.execute<Row>(sql`
    SELECT b.installment_offers AS offers, b.plan_min_first_part_minor AS min_first,
      b.plan_max_duration_days AS max_days, b.plan_min_invoice_minor AS min_invoice, b.time_zone,
      c.credit_policy, c.installments_allowed, i.status,
      ${balanceSql(sql`i`)} AS balance,
      (SELECT COALESCE(SUM(d.amount_minor), 0) FROM disputes d WHERE d.invoice_id = i.id
        AND d.status IN ('waiting_for_us', 'waiting_for_them')) AS disputed,
      (SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p WHERE p.invoice_id = i.id
        AND p.status = 'processing' AND p.installment_id IS NULL) AS processing,
      EXISTS (SELECT 1 FROM promises pr WHERE pr.invoice_id = i.id AND pr.status = 'active') AS promised
    FROM invoices i
    JOIN business b ON b.id = i.business_id
    JOIN customers c ON c.id = i.customer_id
    WHERE i.id = ${invoiceId}`);
  const row = rows[0];
  if (!row) return { ok: false, reason: 'not_payable' };
  if (row.credit_policy === 'prepay_only') return { ok: false, reason: 'prepay_only' };
  if (!row.installments_allowed) return { ok: false, reason: 'not_allowed' };
  const balance = Number(row.balance);
  if (row.status !== 'open' || balance <= 0 || Number(row.disputed) > 0 || Number(row.processing) > 0) {
    return { ok: false, reason: 'not_payable' };
  }
  if (row.promised) return { ok: false, reason: 'promised' };
  const minInvoice = Number(row.min_invoice);
  if (balance < minInvoice) return { ok: false, reason: 'too_small', minMinor: minInvoice };
  const offers = eligibleSchedules({
    offers: (row.offers ?? []).filter(isValidOffer),
    limits: {
      planMinFirstPartMinor: Number(row.min_first),
      planMaxDurationDays: row.max_days,
      planMinInvoiceMinor: minInvoice,
    },
    balanceMinor: balance,
    start: today,
    timeZone: row.time_zone,
  });
  return { ok: true, offers };
}
