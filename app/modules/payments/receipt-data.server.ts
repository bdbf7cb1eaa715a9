import { and, eq, sql } from 'drizzle-orm';
import { business, customers, invoices, payments } from '#db/schema/index';
import type { PartySnapshot } from '~/modules/invoices/types';
import type { DbOrTx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { isLocale, type Locale } from '~/utils/i18n';

export type ReceiptData = {
  paymentId: string;
  invoiceId: string;
  businessId: string;
  customerId: string;
  customerName: string;
  customerLocale: Locale;
  invoiceNumber: string;
  currency: string;
  amountMinor: number;
  method: string | null;
  reference: string | null;
  /** YYYY-MM-DD: the date written on an offline payment, else the day it succeeded in the business's zone. */
  receivedOn: string;
  issueDate: string;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** Credit notes and the net of the succeeded payments up to and including this one. */
  settledMinor: number;
  /** Balance once this payment and those before it count (credit notes, refunds and lost chargebacks too). */
  balanceAfterMinor: number;
  seller: PartySnapshot;
  buyer: PartySnapshot;
  business: typeof business.$inferSelect;
};

/**
 * Everything a receipt shows about one succeeded payment of an issued invoice, or null. `scope` restricts it to
 * one business or one invoice, so a caller holding a link or a session only reaches its own payments.
 */
export async function loadReceipt(
  tx: DbOrTx,
  paymentId: string,
  scope: { businessId?: string; invoiceId?: string } = {},
): Promise<ReceiptData | null> {
  if (!isUuid(paymentId)) return null;
  const conditions = [eq(payments.id, paymentId), eq(payments.status, 'succeeded')];
  if (scope.businessId) conditions.push(eq(payments.businessId, scope.businessId));
  if (scope.invoiceId) conditions.push(eq(payments.invoiceId, scope.invoiceId));
  const [row] = await tx
    .select({ payment: payments, invoice: invoices, business, customer: customers })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(business, eq(business.id, payments.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...conditions));
  if (!row?.invoice.number || !row.invoice.seller || !row.invoice.buyer) return null;
  const { payment, invoice } = row;
  const settled = await settledThrough(tx, invoice.id, payment);
  return {
    paymentId: payment.id,
    invoiceId: invoice.id,
    businessId: payment.businessId,
    customerId: invoice.customerId,
    customerName: row.customer.name,
    customerLocale: isLocale(row.customer.locale) ? row.customer.locale : 'fr',
    invoiceNumber: invoice.number!,
    currency: payment.currency,
    amountMinor: payment.amountMinor,
    method: payment.method,
    reference: payment.reference,
    receivedOn:
      payment.receivedOn ?? todayIn(row.business.timeZone, payment.succeededAt ?? payment.createdAt),
    issueDate: invoice.issueDate,
    subtotalMinor: invoice.subtotalMinor,
    taxMinor: invoice.taxMinor,
    totalMinor: invoice.totalMinor,
    settledMinor: settled,
    balanceAfterMinor: Math.max(0, invoice.totalMinor - settled),
    seller: row.invoice.seller!,
    buyer: row.invoice.buyer!,
    business: row.business,
  };
}

/** Credit notes plus the net of the succeeded payments up to and including this one (by success time). */
async function settledThrough(
  tx: DbOrTx,
  invoiceId: string,
  payment: { id: string; succeededAt: Date | null; createdAt: Date },
): Promise<number> {
  const at = (payment.succeededAt ?? payment.createdAt).toISOString();
  const rows = await tx.execute<{ settled: string }>(sql`
    SELECT
      (SELECT COALESCE(SUM(c.amount_minor), 0) FROM credit_notes c WHERE c.invoice_id = ${invoiceId}::uuid)
      + (SELECT COALESCE(SUM(p.amount_minor - p.chargeback_amount_minor - COALESCE((SELECT SUM(r.amount_minor)
            FROM refunds r WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0)), 0)
         FROM payments p
         WHERE p.invoice_id = ${invoiceId}::uuid AND p.status = 'succeeded'
           AND (COALESCE(p.succeeded_at, p.created_at), p.id) <= (${at}::timestamptz, ${payment.id}::uuid)
      ) AS settled`);
  return Number(rows[0]?.settled ?? 0);
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
