import { and, eq, inArray, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { payments, refunds } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { lockInvoice, syncPaidState } from '~/modules/invoices/invoice-balance.server';
import type { Db, DbOrTx } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripe } from '~/utils/stripe.server';
import type { RefundReason } from './refund-options';

export type RefundInput = {
  businessId: string;
  paymentId: string;
  /** When given, the payment must be one of this invoice's (the page the form was on). */
  invoiceId?: string;
  amountMinor: number;
  reason?: RefundReason | null;
  /** One per rendered form: the same key (a double submit, a retry) refunds once. */
  requestKey: string;
  actor: Actor;
};

export type RefundFailure =
  | { ok: false; error: 'not_found' | 'not_refundable' | 'disputed'; refundableMinor?: number }
  | { ok: false; error: 'too_much'; refundableMinor: number }
  | { ok: false; error: 'stripe_refused'; message: string }
  | { ok: false; error: 'stripe_unavailable' };

export type RefundResult =
  | { ok: true; refundId: string; amountMinor: number; status: string; invoiceReopened: boolean }
  | RefundFailure;

/** Chargebacks still being decided: the card network holds the money, Stripe refuses a refund. */
export const OPEN_CHARGEBACK = new Set([
  'needs_response',
  'under_review',
  'warning_needs_response',
  'warning_under_review',
]);

/**
 * Refunds all or part of a succeeded Stripe payment of the business. Checked first (nothing is sent to Stripe
 * for an amount above what is left to refund), then one Stripe call whose idempotency key comes from the form's
 * `requestKey`, then the refund row, an event and the invoice's paid state in one transaction. The refund's own
 * webhook may land first or later: both write the same row (unique Stripe refund id), so it counts once.
 */
export async function refundPayment(db: Db, input: RefundInput): Promise<RefundResult> {
  const payment = await refundablePayment(db, input.businessId, input.paymentId);
  if (!payment || (input.invoiceId && payment.invoiceId !== input.invoiceId))
    return { ok: false, error: 'not_found' };
  if (payment.status !== 'succeeded' || !payment.stripePaymentIntentId || !payment.invoiceId) {
    return { ok: false, error: 'not_refundable' };
  }
  if (payment.chargebackStatus && OPEN_CHARGEBACK.has(payment.chargebackStatus))
    return { ok: false, error: 'disputed' };
  if (
    !Number.isSafeInteger(input.amountMinor) ||
    input.amountMinor <= 0 ||
    input.amountMinor > payment.refundableMinor
  ) {
    return { ok: false, error: 'too_much', refundableMinor: payment.refundableMinor };
  }

  let refund: Stripe.Refund;
  try {
    refund = await stripe().refunds.create(
      {
        payment_intent: payment.stripePaymentIntentId,
        amount: input.amountMinor,
        ...(input.reason ? { reason: input.reason } : {}),
        metadata: { payment_id: payment.id, request_key: input.requestKey },
      },
      { idempotencyKey: `refund:${payment.id}:${input.requestKey}` },
    );
  } catch (error) {
    if (
      error instanceof Stripe.errors.StripeInvalidRequestError ||
      error instanceof Stripe.errors.StripeIdempotencyError
    ) {
      return { ok: false, error: 'stripe_refused', message: error.message };
    }
    logger().warn({ paymentId: payment.id, error: (error as Error).message }, 'refund: Stripe call failed');
    return { ok: false, error: 'stripe_unavailable' };
  }

  return db.transaction(async (tx) => {
    const invoiceId = payment.invoiceId!;
    await lockInvoice(tx, invoiceId);
    const status = refundStatus(refund.status);
    await tx
      .insert(refunds)
      .values({
        paymentId: payment.id,
        stripeRefundId: refund.id,
        amountMinor: refund.amount,
        status,
        reason: refund.reason ?? null,
      })
      .onConflictDoNothing({ target: refunds.stripeRefundId });
    await recordEvent(tx, {
      businessId: payment.businessId,
      invoiceId,
      customerId: payment.customerId,
      type: 'payment.refund_requested',
      actor: input.actor,
      data: {
        paymentId: payment.id,
        refundId: refund.id,
        amountMinor: refund.amount,
        reason: refund.reason ?? null,
        status,
      },
      dedupeKey: `refund-requested:${refund.id}`,
    });
    const state = await syncPaidState(tx, { invoiceId, actor: input.actor });
    return {
      ok: true,
      refundId: refund.id,
      amountMinor: refund.amount,
      status,
      invoiceReopened: state === 'reopened',
    };
  });
}

export function refundStatus(status: string | null): 'pending' | 'succeeded' | 'failed' | 'canceled' {
  return status === 'succeeded' || status === 'failed' || status === 'canceled' ? status : 'pending';
}

/** A payment of the business with what can still be refunded: its amount less refunds (pending or done) and a lost chargeback. */
export async function refundablePayment(db: DbOrTx, businessId: string, paymentId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(paymentId)) return null;
  const refunded = db
    .select({ total: sql<string>`COALESCE(SUM(${refunds.amountMinor}), 0)`.as('total') })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), inArray(refunds.status, ['pending', 'succeeded'])))
    .as('refunded');
  const [row] = await db
    .select({ payment: payments, refundedMinor: refunded.total })
    .from(payments)
    .crossJoin(refunded)
    .where(and(eq(payments.id, paymentId), eq(payments.businessId, businessId)));
  if (!row) return null;
  const { payment } = row;
  const lost = payment.chargebackStatus === 'lost' ? payment.chargebackAmountMinor : 0;
  return { ...payment, refundableMinor: Math.max(0, payment.amountMinor - Number(row.refundedMinor) - lost) };
}
