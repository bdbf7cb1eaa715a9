import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { payments } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { OPEN_CHARGEBACK } from './refund-payment.server';

export type PaymentRow = {
  id: string;
  /** YYYY-MM-DD in the business's zone: the date written on an offline payment, else when it succeeded or began. */
  date: string;
  amountMinor: number;
  currency: string;
  method: string | null;
  status: 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  stripePaymentIntentId: string | null;
  /** Set when the customer paid it from their statement, with other invoices: refunded from the statement page. */
  fromStatement: boolean;
  reference: string | null;
  failureMessage: string | null;
  /** null, or needs_response / under_review / won / lost (and Stripe's warning_* states). */
  chargebackStatus: string | null;
  chargebackAmountMinor: number;
  refundedMinor: number;
  refundPendingMinor: number;
  /** What a refund from this page may still take back; 0 when it cannot be refunded here at all. */
  refundableMinor: number;
};

/**
 * The invoice's payments, oldest first, with their refunds and chargeback summed up. Attempts the customer
 * abandoned before paying (a PaymentIntent still waiting for a method) are left out: nothing happened there.
 */
export async function listInvoicePayments(
  db: DbOrTx,
  input: { businessId: string; invoiceId: string; timeZone: string },
): Promise<PaymentRow[]> {
  const rows = await db
    .select({
      payment: payments,
      refunded: sql<string>`(SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r
        WHERE r.payment_id = "payments"."id" AND r.status = 'succeeded')`,
      pending: sql<string>`(SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r
        WHERE r.payment_id = "payments"."id" AND r.status = 'pending')`,
    })
    .from(payments)
    .where(
      and(
        eq(payments.invoiceId, input.invoiceId),
        eq(payments.businessId, input.businessId),
        ne(payments.status, 'requires_payment_method'),
      ),
    )
    .orderBy(asc(payments.createdAt), asc(payments.id));
  return rows.map(({ payment: p, refunded, pending }) => {
    const refundedMinor = Number(refunded);
    const refundPendingMinor = Number(pending);
    const lost = p.chargebackStatus === 'lost' ? p.chargebackAmountMinor : 0;
    const refundable =
      p.status === 'succeeded' &&
      p.stripePaymentIntentId !== null &&
      !OPEN_CHARGEBACK.has(p.chargebackStatus ?? '');
    return {
      id: p.id,
      date: p.receivedOn ?? todayIn(input.timeZone, p.succeededAt ?? p.createdAt),
      amountMinor: p.amountMinor,
      currency: p.currency,
      method: p.method,
      status: p.status as PaymentRow['status'],
      stripePaymentIntentId: p.stripePaymentIntentId,
      fromStatement: p.statementPaymentId !== null,
      reference: p.reference,
      failureMessage: p.failureMessage,
      chargebackStatus: p.chargebackStatus,
      chargebackAmountMinor: p.chargebackAmountMinor,
      refundedMinor,
      refundPendingMinor,
      refundableMinor: refundable
        ? Math.max(0, p.amountMinor - refundedMinor - refundPendingMinor - lost)
        : 0,
    };
  });
}
