import { and, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emails, events, invoices, payments, stripeEvents, tasks } from '#db/schema/index';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { db } from '~/utils/db.server';
import { createIssuedInvoice } from '../../test/factories';
import { stripeClientFor } from '../../test/fakes/stripe/client';
import type { StripeFake } from '../../test/fakes/stripe/server';
import type { RunningApp } from '../../test/setup/app-server';
import {
  eventsApplied,
  PREVIOUS_WEBHOOK_SECRET,
  startAppWithStripe,
  WEBHOOK_SECRET,
} from '../../test/support/stripe-app';

let app: RunningApp;
let fake: StripeFake;
let stripe: Stripe;
beforeAll(async () => {
  ({ app, fake } = await startAppWithStripe());
  stripe = stripeClientFor(fake, 'sk_test_acquit');
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

let keys = 0;
const key = () => `test-${Date.now()}-${keys++}`;

/** A PaymentIntent for an invoice, paid with a test method; returns it and the events it produced. */
async function payAtStripe(
  invoice: { invoiceId: string; businessId: string; number: string; totalMinor: number },
  paymentMethod: string,
) {
  const pi = await stripe.paymentIntents.create(
    {
      amount: invoice.totalMinor,
      currency: 'eur',
      allowed_payment_method_types: ['card', 'sepa_debit'],
      metadata: {
        invoice_id: invoice.invoiceId,
        business_id: invoice.businessId,
        invoice_number: invoice.number,
      },
    },
    { idempotencyKey: key() },
  );
  const mandate = paymentMethod.startsWith('pm_card')
    ? {}
    : {
        mandate_data: {
          customer_acceptance: {
            type: 'online' as const,
            online: { ip_address: '127.0.0.1', user_agent: 'vitest' },
          },
        },
      };
  const confirmed = await stripe.paymentIntents
    .confirm(pi.id, { payment_method: paymentMethod, ...mandate }, { idempotencyKey: key() })
    .catch(() => stripe.paymentIntents.retrieve(pi.id));
  return confirmed;
}

const eventsFor = (piId: string, type?: string) =>
  fake.events.filter(
    (e) =>
      (e.data.object as { id: string; payment_intent?: string }).id === piId && (!type || e.type === type),
  );

async function postEvent(body: string, headers: Record<string, string>) {
  return fetch(`${app.url}/webhooks/stripe`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Delivers events from the fake, then waits for the worker to apply what the webhook queued. */
async function deliver(...args: Parameters<StripeFake['deliver']>) {
  const deliveries = await fake.deliver(...args);
  await eventsApplied();
  return deliveries;
}

const countRows = async () => {
  const [row] = await db().execute<{ e: number; p: number; ev: number }>(sql`SELECT
    (SELECT count(*)::int FROM stripe_events) AS e, (SELECT count(*)::int FROM payments) AS p, (SELECT count(*)::int FROM events) AS ev`);
  return row;
};

describe('POST /webhooks/stripe', () => {
  test('the same payment_intent.succeeded delivered 10 times at once: one payment, one receipt, one "paid"', async () => {
    const invoice = await createIssuedInvoice();
    const pi = await payAtStripe(invoice, 'pm_card_visa');
    expect(pi.status).toBe('succeeded');
    const [succeeded] = eventsFor(pi.id, 'payment_intent.succeeded');
    const deliveries = await deliver(succeeded!.id, { times: 10, concurrently: true });
    expect(deliveries.map((d) => d.status)).toEqual(Array(10).fill(200));

    const rows = await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'succeeded',
      amountMinor: invoice.totalMinor,
      stripePaymentIntentId: pi.id,
    });
    // charge.succeeded tells how it was paid.
    await deliver(
      fake.events
        .filter(
          (e) => e.type === 'charge.succeeded' && (e.data.object as Stripe.Charge).payment_intent === pi.id,
        )
        .map((e) => e.id),
    );
    const [withMethod] = await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId));
    expect(withMethod?.method).toBe('card');
    const [inv] = await db().select().from(invoices).where(eq(invoices.id, invoice.invoiceId));
    expect(inv?.status).toBe('paid');
    const timeline = await db().select().from(events).where(eq(events.invoiceId, invoice.invoiceId));
    expect(timeline.filter((e) => e.type === 'invoice.paid')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'payment.succeeded')).toHaveLength(1);
    const receipts = await db()
      .select()
      .from(emails)
      .where(eq(emails.dedupeKey, `receipt:${rows[0]!.id}`));
    expect(receipts).toHaveLength(1);
  });

  test('out of order: succeeded before processing, and payment_failed after succeeded, leave it paid', async () => {
    const invoice = await createIssuedInvoice();
    const pi = await payAtStripe(invoice, 'pm_card_visa');
    const [succeeded] = eventsFor(pi.id, 'payment_intent.succeeded');
    // A processing view and a failed view that are older than the success, delivered after it.
    const older = (type: string, status: string, extra: object = {}) => ({
      ...succeeded!,
      id: `evt_old_${type}_${pi.id}`,
      type,
      created: succeeded!.created - 60,
      data: { object: { ...(succeeded!.data.object as object), status, ...extra } },
    });
    const late = [
      older('payment_intent.processing', 'processing'),
      older('payment_intent.payment_failed', 'requires_payment_method', {
        last_payment_error: { message: 'Your card was declined.' },
      }),
    ];
    await deliver(succeeded!.id);
    for (const event of late) {
      const { body, headers } = fake.signedRequest(event as Stripe.Event, { secret: WEBHOOK_SECRET });
      expect((await postEvent(body, headers)).status).toBe(200);
    }
    const [row] = await db().select().from(payments).where(eq(payments.stripePaymentIntentId, pi.id));
    expect(row?.status).toBe('succeeded');
    const [inv] = await db().select().from(invoices).where(eq(invoices.id, invoice.invoiceId));
    expect(inv?.status).toBe('paid');
  });

  test('a SEPA debit shows as processing (not paid), then succeeds when the bank confirms, whatever the order', async () => {
    const invoice = await createIssuedInvoice();
    const pm = await stripe.paymentMethods.create(
      {
        type: 'sepa_debit',
        sepa_debit: { iban: 'DE89370400440532013000' },
        billing_details: { name: 'Julie Petit', email: 'julie@example.com' },
      },
      { idempotencyKey: key() },
    );
    const pi = await payAtStripe(invoice, pm.id);
    expect(pi.status).toBe('processing');
    fake.settle(pi.id, 'succeeded');
    const processing = eventsFor(pi.id, 'payment_intent.processing');
    const succeeded = eventsFor(pi.id, 'payment_intent.succeeded');
    await deliver(processing.map((e) => e.id));
    let ledger = await invoiceLedger(db(), invoice.invoiceId);
    expect(ledger).toMatchObject({
      paidMinor: 0,
      processingMinor: invoice.totalMinor,
      balanceMinor: invoice.totalMinor,
    });
    await deliver([...succeeded, ...processing].map((e) => e.id));
    ledger = await invoiceLedger(db(), invoice.invoiceId);
    expect(ledger).toMatchObject({ paidMinor: invoice.totalMinor, processingMinor: 0, balanceMinor: 0 });
  });

  test('forged, missing, stale (301 s) and re-serialised signatures: 400, nothing written', async () => {
    const invoice = await createIssuedInvoice();
    const pi = await payAtStripe(invoice, 'pm_card_visa');
    const [succeeded] = eventsFor(pi.id, 'payment_intent.succeeded');
    const before = await countRows();
    const forged = fake.signedRequest(succeeded!, { secret: 'whsec_not_ours' });
    const stale = fake.signedRequest(succeeded!, {
      secret: WEBHOOK_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const good = fake.signedRequest(succeeded!, { secret: WEBHOOK_SECRET });
    const reserialised = JSON.stringify(JSON.parse(good.body));
    const answers = await Promise.all([
      postEvent(forged.body, forged.headers),
      postEvent(good.body, {}),
      postEvent(stale.body, stale.headers),
      postEvent(reserialised, good.headers),
      postEvent(good.body, { 'stripe-signature': 'garbage' }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect(await countRows()).toEqual(before);
    // The same bytes, rightly signed, go through; so does the previous secret during a rotation.
    const rotated = fake.signedRequest(succeeded!, { secret: PREVIOUS_WEBHOOK_SECRET });
    expect((await postEvent(rotated.body, rotated.headers)).status).toBe(200);
    expect((await postEvent(good.body, good.headers)).status).toBe(200);
    await eventsApplied();
    const [row] = await db().select().from(payments).where(eq(payments.stripePaymentIntentId, pi.id));
    expect(row?.status).toBe('succeeded');
  });

  test('answered before the app: GET is 405, a body over 512 KB is 413, and neither writes anything', async () => {
    const before = await countRows();
    const get = await fetch(`${app.url}/webhooks/stripe`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const huge = 'x'.repeat(600 * 1024);
    const tooLarge = await postEvent(huge, { 'stripe-signature': 't=1,v1=00' });
    expect(tooLarge.status).toBe(413);
    expect(await countRows()).toEqual(before);
  });

  test('event types we do not act on are recorded and answered 2xx', async () => {
    const event = { ...fake.events[0]!, id: 'evt_unhandled_type', type: 'customer.created' } as Stripe.Event;
    const { body, headers } = fake.signedRequest(event, { secret: WEBHOOK_SECRET });
    expect((await postEvent(body, headers)).status).toBe(200);
    await eventsApplied();
    const [row] = await db().select().from(stripeEvents).where(eq(stripeEvents.id, 'evt_unhandled_type'));
    expect(row?.type).toBe('customer.created');
    expect(row?.processedAt).toBeInstanceOf(Date);
  });

  test('the webhook answers once the event is stored; a failed apply is counted, retried, and applied once', async () => {
    const invoice = await createIssuedInvoice();
    const pi = await payAtStripe(invoice, 'pm_card_visa');
    await deliver(eventsFor(pi.id, 'payment_intent.succeeded').map((e) => e.id));
    await stripe.refunds.create({ payment_intent: pi.id, amount: 10_000 }, { idempotencyKey: key() });
    const [refunded] = fake.events.filter(
      (e) => e.type === 'charge.refunded' && (e.data.object as Stripe.Charge).payment_intent === pi.id,
    );
    // Applying a refund re-reads the refunds from Stripe: make that read fail (through the SDK's own retries).
    fake.failNext({ method: 'GET', path: /^\/v1\/refunds/, kind: '500', times: 3 });
    const [answer] = await fake.deliver(refunded!.id);
    expect(answer?.status).toBe(200);
    const failedOnce = async () => {
      const [row] = await db().select().from(stripeEvents).where(eq(stripeEvents.id, refunded!.id));
      return row;
    };
    await expect.poll(async () => (await failedOnce())?.attempts, { timeout: 10_000 }).toBe(1);
    expect(await failedOnce()).toMatchObject({ processedAt: null });
    expect((await failedOnce())?.lastError).toBeTruthy();
    expect((await invoiceLedger(db(), invoice.invoiceId))?.balanceMinor).toBe(0);

    // The next run (here woken by a redelivery) applies it, once.
    fake.clearFaults();
    await deliver(refunded!.id, { times: 2 });
    expect(await failedOnce()).toMatchObject({ attempts: 2, lastError: null });
    expect((await failedOnce())?.processedAt).toBeInstanceOf(Date);
    expect((await invoiceLedger(db(), invoice.invoiceId))?.balanceMinor).toBe(10_000);
    const refundEvents = await db()
      .select()
      .from(events)
      .where(and(eq(events.invoiceId, invoice.invoiceId), eq(events.type, 'payment.refunded')));
    expect(refundEvents).toHaveLength(1);
  });

  test('a partial refund, then a lost chargeback, reopen the balance; the invoice is open again', async () => {
    const invoice = await createIssuedInvoice();
    const pi = await payAtStripe(invoice, 'pm_card_visa');
    await deliver(eventsFor(pi.id, 'payment_intent.succeeded').map((e) => e.id));
    const paid = await db().select().from(invoices).where(eq(invoices.id, invoice.invoiceId));
    expect(paid[0]?.status).toBe('paid');

    await stripe.refunds.create({ payment_intent: pi.id, amount: 30_000 }, { idempotencyKey: key() });
    const refunded = fake.events.filter(
      (e) => e.type === 'charge.refunded' && (e.data.object as Stripe.Charge).payment_intent === pi.id,
    );
    await deliver(
      refunded.map((e) => e.id),
      { times: 2 },
    );
    let ledger = await invoiceLedger(db(), invoice.invoiceId);
    expect(ledger?.balanceMinor).toBe(30_000);
    const reopened = await db().select().from(invoices).where(eq(invoices.id, invoice.invoiceId));
    expect(reopened[0]?.status).toBe('open');

    const chargeId = pi.latest_charge as string;
    fake.dispute(chargeId, { amount: invoice.totalMinor - 30_000 });
    fake.dispute(chargeId, { status: 'lost' });
    const disputeEvents = fake.events.filter((e) => e.type.startsWith('charge.dispute.'));
    // The close arrives before the opening: the lost dispute still stands.
    await deliver(disputeEvents.map((e) => e.id).reverse());
    ledger = await invoiceLedger(db(), invoice.invoiceId);
    expect(ledger?.balanceMinor).toBe(invoice.totalMinor);
    const [payment] = await db().select().from(payments).where(eq(payments.stripePaymentIntentId, pi.id));
    expect(payment?.chargebackStatus).toBe('lost');
    const chargebackTasks = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.invoiceId, invoice.invoiceId), eq(tasks.kind, 'chargeback')));
    expect(chargebackTasks).toHaveLength(1);
  });
});
