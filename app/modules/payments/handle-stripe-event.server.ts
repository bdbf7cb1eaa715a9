import { and, eq, isNull, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { stripeEvents } from '#db/schema/index';
import type { Db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripe } from '~/utils/stripe.server';
import { applyChargeMethod, applyDispute, applyRefunds } from './apply-charge.server';
import { applyStatementEvent } from '~/modules/statements/statement-stripe.server';
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

/** Wakes the worker when an event is queued (see app/bin/worker.ts). */
export const STRIPE_EVENT_CHANNEL = 'acquit_stripe_event';
/** An event that keeps failing is left for a person after this many tries (its last error stays on the row). */
export const MAX_ATTEMPTS = 8;

/**
 * Stores a verified event for the worker, in one statement: a redelivery (or ten at once) finds the id taken and
 * changes nothing. This is all the webhook does before answering 2xx, as Stripe asks of endpoints: a retry storm
 * costs a signature check and an insert per event, and the work happens at the worker's pace.
 */
export async function queueStripeEvent(
  db: Db,
  event: Stripe.Event,
  /** The verified body as received, stored as is. */
  rawBody: Buffer,
): Promise<'queued' | 'duplicate'> {
  const object = event.data.object as { id?: string };
  // The worker is woken for a new event, and for a redelivered one still waiting (say, after a failed try).
  const [row] = await db.execute<{ fresh: boolean }>(sql`
    WITH queued AS (
      INSERT INTO stripe_events (id, type, object_id, payload)
      VALUES (${event.id}, ${event.type}, ${object.id ?? null}, ${rawBody.toString('utf8')}::jsonb)
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    ), waiting AS (
      SELECT id FROM queued
      UNION ALL
      SELECT id FROM stripe_events WHERE id = ${event.id} AND processed_at IS NULL
    )
    SELECT EXISTS (SELECT 1 FROM queued) AS fresh,
      (SELECT pg_notify(${STRIPE_EVENT_CHANNEL}, '') FROM waiting LIMIT 1) AS notified`);
  return row?.fresh ? 'queued' : 'duplicate';
}

/**
 * Applies one queued event, exactly once: the event row is locked (SKIP LOCKED: a second worker moves on) and
 * marked processed in the same transaction as its effect, so a retry, a redelivery or two workers change nothing
 * twice. The effects do not depend on the order events arrive in (see applyPaymentIntent). A failure rolls back
 * and is counted on the row, to be retried by the next run.
 */
export async function applyStripeEvent(db: Db, eventId: string): Promise<HandleResult | 'busy'> {
  const [queued] = await db
    .select({ payload: stripeEvents.payload, processedAt: stripeEvents.processedAt })
    .from(stripeEvents)
    .where(eq(stripeEvents.id, eventId));
  if (!queued?.payload || queued.processedAt) return 'duplicate';
  const event = queued.payload as unknown as Stripe.Event;
  try {
    // Refunds are re-read from Stripe (before the transaction, so no lock is held across that call): refund
    // events can arrive in any order, and the list is the truth.
    const refundList =
      event.type === 'charge.refunded'
        ? (await stripe().refunds.list({ charge: (event.data.object as Stripe.Charge).id, limit: 100 })).data
        : null;
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ id: stripeEvents.id })
        .from(stripeEvents)
        .where(and(eq(stripeEvents.id, eventId), isNull(stripeEvents.processedAt)))
        .for('update', { skipLocked: true });
      if (!row) return 'busy';
      const result = await applyEffect(tx, event, refundList);
      await tx
        .update(stripeEvents)
        .set({ processedAt: new Date(), attempts: sql`${stripeEvents.attempts} + 1`, lastError: null })
        .where(eq(stripeEvents.id, eventId));
      return result;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(stripeEvents)
      .set({ attempts: sql`${stripeEvents.attempts} + 1`, lastError: message.slice(0, 500) })
      .where(eq(stripeEvents.id, eventId));
    logger().error({ err: error, eventId, type: event.type }, 'stripe event failed');
    throw error;
  }
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function applyEffect(
  tx: Tx,
  event: Stripe.Event,
  refundList: Stripe.Refund[] | null,
): Promise<HandleResult> {
  // A payment of several invoices at once (issue 7) has its own PaymentIntent and rows.
  if (await applyStatementEvent(tx, event, refundList)) return 'applied';
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
}

/**
 * The worker's loop: applies every queued event, oldest first, `concurrency` at a time, until none is left. An
 * event that fails is not retried within the same run (the next run, a minute later, tries again), and one that
 * failed MAX_ATTEMPTS times is left alone. Returns how many events were applied.
 */
export async function applyQueuedStripeEvents(
  db: Db,
  opts: { concurrency?: number; batch?: number } = {},
): Promise<number> {
  const concurrency = opts.concurrency ?? 4;
  const failed = new Set<string>();
  let applied = 0;
  for (;;) {
    const batch = opts.batch ?? 200;
    const pending = await db.execute<{ id: string }>(sql`
      SELECT id FROM stripe_events
      WHERE processed_at IS NULL AND attempts < ${MAX_ATTEMPTS}
      ORDER BY received_at
      LIMIT ${batch + failed.size}`);
    const ids = pending.map((r) => r.id).filter((id) => !failed.has(id));
    if (!ids.length) return applied;
    let progressed = false;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, ids.length) }, async () => {
        for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
          try {
            const result = await applyStripeEvent(db, id);
            if (result !== 'busy') progressed = true;
            if (result !== 'busy' && result !== 'duplicate') applied++;
          } catch {
            failed.add(id);
          }
        }
      }),
    );
    // Everything left is held by another worker: let it finish.
    if (!progressed) return applied;
  }
}
