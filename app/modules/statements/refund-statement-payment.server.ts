import { and, eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { statementPayments } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { OPEN_CHARGEBACK, refundStatus, type RefundFailure } from '~/modules/payments/refund-payment.server';
import type { RefundReason } from '~/modules/payments/refund-options';
import { isUuid } from '~/modules/dunning/ids';
import type { Db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripe } from '~/utils/stripe.server';
import { applyStatementRefunds } from './statement-reversals.server';

export type StatementRefundInput = {
  businessId: string;
  /** The customer whose statement page the form was on: the payment must be theirs. */
  customerId: string;
  statementPaymentId: string;
  amountMinor: number;
  reason?: RefundReason | null;
  /** One per rendered form: the same key (a double submit, a retry) refunds once. */
  requestKey: string;
  actor: Actor;
};

export type StatementRefundResult =
  | { ok: true; refundId: string; amountMinor: number; status: ReturnType<typeof refundStatus> }
  | RefundFailure;

/** Stripe's refunds of a PaymentIntent, all of them (a statement payment rarely has more than a few). */
async function refundsOf(paymentIntentId: string): Promise<Stripe.Refund[]> {
  return stripe()
    .refunds.list({ payment_intent: paymentIntentId, limit: 100 })
    .autoPagingToArray({ limit: 1000 });
}

/** What is left to refund: the amount less Stripe's refunds (pending or done) and a lost chargeback. */
function refundableOf(sp: typeof statementPayments.$inferSelect, list: Stripe.Refund[]): number {
  const refunded = list
    .filter((r) => r.status === 'succeeded' || r.status === 'pending')
    .reduce((sum, r) => sum + r.amount, 0);
  const lost = sp.chargebackStatus === 'lost' ? sp.chargebackAmountMinor : 0;
  return Math.max(0, sp.amountMinor - refunded - lost);
}

/**
 * Refunds all or part of a payment the customer made from their statement (several invoices at once). Stripe's
 * list of the PaymentIntent's refunds says what is left; one Stripe call whose idempotency key comes from the
 * form's `requestKey`; then, in one transaction, the refunds are applied exactly as the `charge.refunded` webhook
 * applies them (applyStatementRefunds: the excess first, then the shares newest due first, recomputed from the
 * whole list), so the webhook that follows, in any order and however often, changes nothing more.
 */
export async function refundStatementPayment(
  db: Db,
  input: StatementRefundInput,
): Promise<StatementRefundResult> {
  if (!isUuid(input.statementPaymentId)) return { ok: false, error: 'not_found' };
  const [sp] = await db
    .select()
    .from(statementPayments)
    .where(
      and(
        eq(statementPayments.id, input.statementPaymentId),
        eq(statementPayments.businessId, input.businessId),
        eq(statementPayments.customerId, input.customerId),
      ),
    );
  if (!sp) return { ok: false, error: 'not_found' };
  const paymentIntentId = sp.stripePaymentIntentId;
  if (sp.status !== 'succeeded' || !sp.appliedAt || !paymentIntentId)
    return { ok: false, error: 'not_refundable' };
  if (sp.chargebackStatus && OPEN_CHARGEBACK.has(sp.chargebackStatus))
    return { ok: false, error: 'disputed' };

  let refund: Stripe.Refund;
  let list: Stripe.Refund[];
  try {
    // A refund this same form already made (Stripe did it, its answer was lost) is not counted against the retry.
    const before = (await refundsOf(paymentIntentId)).filter(
      (r) => r.metadata?.request_key !== input.requestKey,
    );
    const refundableMinor = refundableOf(sp, before);
    if (
      !Number.isSafeInteger(input.amountMinor) ||
      input.amountMinor <= 0 ||
      input.amountMinor > refundableMinor
    ) {
      return { ok: false, error: 'too_much', refundableMinor };
    }
    refund = await stripe().refunds.create(
      {
        payment_intent: paymentIntentId,
        amount: input.amountMinor,
        ...(input.reason ? { reason: input.reason } : {}),
        metadata: { statement_payment_id: sp.id, request_key: input.requestKey },
      },
      { idempotencyKey: `statement-refund:${sp.id}:${input.requestKey}` },
    );
    list = await refundsOf(paymentIntentId);
  } catch (error) {
    if (
      error instanceof Stripe.errors.StripeInvalidRequestError ||
      error instanceof Stripe.errors.StripeIdempotencyError
    ) {
      return { ok: false, error: 'stripe_refused', message: error.message };
    }
    logger().warn(
      { statementPaymentId: sp.id, error: (error as Error).message },
      'statement refund: Stripe call failed',
    );
    return { ok: false, error: 'stripe_unavailable' };
  }
  // A retry with the same key gets the first refund back from Stripe; the list holds it once either way.
  if (!list.some((r) => r.id === refund.id)) list.push(refund);

  return db.transaction(async (tx) => {
    await applyStatementRefunds(tx, { id: sp.stripeChargeId ?? '', payment_intent: paymentIntentId }, list);
    await recordEvent(tx, {
      businessId: sp.businessId,
      customerId: sp.customerId,
      type: 'statement.refund_requested',
      actor: input.actor,
      data: {
        statementPaymentId: sp.id,
        refundId: refund.id,
        amountMinor: refund.amount,
        reason: refund.reason ?? null,
        status: refundStatus(refund.status),
      },
      dedupeKey: `statement-refund-requested:${refund.id}`,
    });
    return {
      ok: true,
      refundId: refund.id,
      amountMinor: refund.amount,
      status: refundStatus(refund.status),
    };
  });
}
