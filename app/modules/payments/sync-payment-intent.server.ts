import { and, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { payments } from '#db/schema/index';
import type { Db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripe } from '~/utils/stripe.server';
import { applyPaymentIntent, type ApplyResult } from './apply-payment-intent.server';

/**
 * Reads a PaymentIntent from Stripe and applies it as a fresh observation. Used when the debtor comes back from
 * paying (so the page can show the receipt before the webhook lands) and by the catch-up job. `invoiceId`, when
 * given, must match the PaymentIntent's metadata: a token reaches only its own invoice's payments.
 */
export async function syncPaymentIntent(
  db: Db,
  paymentIntentId: string,
  invoiceId?: string,
): Promise<ApplyResult> {
  let pi: Stripe.PaymentIntent;
  try {
    pi = await stripe().paymentIntents.retrieve(paymentIntentId);
  } catch (error) {
    if ((error as { type?: string }).type === 'StripeInvalidRequestError') return 'ignored';
    throw error;
  }
  if (invoiceId && pi.metadata?.invoice_id !== invoiceId) return 'ignored';
  const observedAt = Math.floor(Date.now() / 1000);
  return db.transaction((tx) => applyPaymentIntent(tx, pi, observedAt));
}

const PENDING = ['requires_payment_method', 'requires_action', 'processing', 'failed'] as const;

/**
 * The catch-up job: every payment still pending at Stripe's end after a few minutes is read back from Stripe, so
 * a webhook missed for hours (an outage, a misconfigured endpoint) still ends in the right state. Safe to run
 * any number of times, and from two workers at once (applyPaymentIntent is idempotent and locks per invoice).
 */
export async function reconcilePendingPayments(
  db: Db,
  opts: { olderThanMinutes?: number; limit?: number } = {},
) {
  const rows = await db
    .select({ pi: payments.stripePaymentIntentId })
    .from(payments)
    .where(
      and(
        isNotNull(payments.stripePaymentIntentId),
        inArray(payments.status, [...PENDING]),
        lt(payments.createdAt, sql`now() - make_interval(mins => ${opts.olderThanMinutes ?? 5})`),
        sql`${payments.createdAt} > now() - interval '30 days'`,
      ),
    )
    .orderBy(payments.createdAt)
    .limit(opts.limit ?? 200);
  const results: Record<string, number> = {};
  for (const { pi } of rows) {
    try {
      const result = await syncPaymentIntent(db, pi!);
      results[result] = (results[result] ?? 0) + 1;
    } catch (error) {
      logger().warn(
        { err: { message: (error as Error).message }, paymentIntentId: pi },
        'catch-up: could not read payment',
      );
      results.error = (results.error ?? 0) + 1;
    }
  }
  return { checked: rows.length, results };
}
