import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { statementPayments } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import type { ApplyResult } from '~/modules/payments/apply-payment-intent.server';
import type { Db, Tx } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripe } from '~/utils/stripe.server';
import { applyStatementPaymentIntent, statementPaymentIdOf } from './apply-statement-payment.server';
import {
  applyStatementChargeMethod,
  applyStatementDispute,
  applyStatementRefunds,
} from './statement-reversals.server';

const DISPUTE_EVENTS = new Set(['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed']);

/**
 * The Stripe events that concern a statement payment, applied in the worker's transaction (see
 * handle-stripe-event): true when the event was one of ours, false to let the ordinary payment path have it.
 */
export async function applyStatementEvent(
  tx: Tx,
  event: Stripe.Event,
  refundList: Stripe.Refund[] | null,
): Promise<boolean> {
  if (event.type.startsWith('payment_intent.')) {
    const pi = event.data.object as Stripe.PaymentIntent;
    if (!statementPaymentIdOf(pi)) return false;
    await applyStatementPaymentIntent(tx, pi, event.created);
    return true;
  }
  if (refundList)
    return (await applyStatementRefunds(tx, event.data.object as Stripe.Charge, refundList)) !== null;
  if (event.type === 'charge.succeeded' || event.type === 'charge.pending')
    return (await applyStatementChargeMethod(tx, event.data.object as Stripe.Charge)) !== null;
  if (DISPUTE_EVENTS.has(event.type))
    return (await applyStatementDispute(tx, event.data.object as Stripe.Dispute)) !== null;
  return false;
}

/**
 * Reads a statement payment's PaymentIntent from Stripe and applies it as a fresh observation: when the customer
 * comes back from paying (the page then shows the invoices paid before the webhook lands), and from the catch-up
 * job. `customerId`, when given, must match: a statement link reaches only its own customer's payments.
 */
export async function syncStatementPayment(
  db: Db,
  paymentIntentId: string,
  customerId?: string,
): Promise<ApplyResult> {
  let pi: Stripe.PaymentIntent;
  try {
    pi = await stripe().paymentIntents.retrieve(paymentIntentId);
  } catch (error) {
    if ((error as { type?: string }).type === 'StripeInvalidRequestError') return 'ignored';
    throw error;
  }
  if (!statementPaymentIdOf(pi) || (customerId && pi.metadata?.customer_id !== customerId)) return 'ignored';
  const observedAt = Math.floor(Date.now() / 1000);
  return db.transaction((tx) => applyStatementPaymentIntent(tx, pi, observedAt));
}

/**
 * Gives back what a statement payment received beyond what its invoices still owed (see
 * applyStatementPaymentIntent): one partial refund per statement payment, under an idempotency key of its own, so a
 * retry or a second worker refunds once. The refund's webhook then finds that money in the excess and reverses no
 * share. Safe to run any number of times.
 */
export async function refundStatementExcess(db: Db, opts: { limit?: number } = {}): Promise<number> {
  const due = await db
    .select()
    .from(statementPayments)
    .where(
      and(
        eq(statementPayments.status, 'succeeded'),
        gt(statementPayments.excessMinor, 0),
        isNull(statementPayments.excessRefundId),
        isNull(statementPayments.chargebackStatus),
      ),
    )
    .limit(opts.limit ?? 50);
  let refunded = 0;
  for (const sp of due) {
    try {
      const refund = await stripe().refunds.create(
        {
          payment_intent: sp.stripePaymentIntentId!,
          amount: sp.excessMinor,
          reason: 'duplicate',
          metadata: { statement_payment_id: sp.id, kind: 'statement_excess' },
        },
        { idempotencyKey: `statement-excess:${sp.id}` },
      );
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(statementPayments)
          .set({ excessRefundId: refund.id })
          .where(and(eq(statementPayments.id, sp.id), isNull(statementPayments.excessRefundId)))
          .returning({ id: statementPayments.id });
        if (!row) return;
        refunded++;
        await recordEvent(tx, {
          businessId: sp.businessId,
          customerId: sp.customerId,
          type: 'statement.excess_refunded',
          actor: { type: 'system' },
          data: { statementPaymentId: sp.id, refundId: refund.id, amountMinor: sp.excessMinor },
        });
      });
    } catch (error) {
      logger().warn(
        { err: { message: (error as Error).message }, statementPaymentId: sp.id },
        'excess refund failed',
      );
    }
  }
  return refunded;
}

/** The catch-up job for statement payments still pending at Stripe's end after a few minutes. */
export async function reconcilePendingStatementPayments(db: Db, opts: { olderThanMinutes?: number } = {}) {
  const rows = await db
    .select({ pi: statementPayments.stripePaymentIntentId })
    .from(statementPayments)
    .where(
      and(
        isNotNull(statementPayments.stripePaymentIntentId),
        inArray(statementPayments.status, [
          'requires_payment_method',
          'requires_action',
          'processing',
          'failed',
        ]),
        lt(statementPayments.createdAt, sql`now() - make_interval(mins => ${opts.olderThanMinutes ?? 5})`),
        sql`${statementPayments.createdAt} > now() - interval '30 days'`,
      ),
    )
    .limit(200);
  for (const { pi } of rows) {
    try {
      await syncStatementPayment(db, pi!);
    } catch (error) {
      logger().warn(
        { err: { message: (error as Error).message }, paymentIntentId: pi },
        'statement catch-up',
      );
    }
  }
  return rows.length;
}
