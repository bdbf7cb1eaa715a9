import type Stripe from 'stripe';
import { stripeEvents } from '#db/schema/index';
import type { Db } from '~/utils/db.server';
import { stripe } from '~/utils/stripe.server';
import { applyChargeMethod, applyDispute, applyRefunds } from './apply-charge.server';
import { applyPaymentIntent } from './apply-payment-intent.server';

export type HandleResult = 'applied' | 'duplicate' | 'unhandled';

const PAYMENT_INTENT_EVENTS = new Set([
  'payment_intent.created',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
  'payment_intent.amount_capturable_updated',
]);
const DISPUTE_EVENTS = new Set(['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed']);

/**
 * Applies one verified Stripe event, exactly once: its id is inserted in the same transaction as its effect, so a
 * redelivery (or ten at once: they queue on the id's unique index) finds it and changes nothing. Event types we do
 * not act on are recorded too, and answered 2xx.
 */
export async function handleStripeEvent(db: Db, event: Stripe.Event): Promise<HandleResult> {
  // Refunds are re-read from Stripe (before the transaction, so no lock is held across that call): refund events
  // can arrive in any order, and the list is the truth.
  const refundList =
    event.type === 'charge.refunded'
      ? (await stripe().refunds.list({ charge: (event.data.object as Stripe.Charge).id, limit: 100 })).data
      : null;

  return db.transaction(async (tx) => {
    const object = event.data.object as { id?: string };
    const [fresh] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, objectId: object.id ?? null })
      .onConflictDoNothing({ target: stripeEvents.id })
      .returning({ id: stripeEvents.id });
    if (!fresh) return 'duplicate';

    if (PAYMENT_INTENT_EVENTS.has(event.type)) {
      await applyPaymentIntent(tx, event.data.object as Stripe.PaymentIntent, event.created);
      return 'applied';
    }
    if (refundList) {
      await applyRefunds(tx, event.data.object as Stripe.Charge, refundList);
      return 'applied';
    }
    if (event.type === 'charge.succeeded' || event.type === 'charge.pending') {
      await applyChargeMethod(tx, event.data.object as Stripe.Charge);
      return 'applied';
    }
    if (DISPUTE_EVENTS.has(event.type)) {
      await applyDispute(tx, event.data.object as Stripe.Dispute);
      return 'applied';
    }
    return 'unhandled';
  });
}
