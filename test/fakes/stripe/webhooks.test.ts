import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeClientFor } from './client';
import { startStripeFake, type StripeFake } from './server';

const SECRET = 'whsec_test_secret';

/** A tiny app-side webhook endpoint that verifies signatures the way the app must: raw body + constructEvent. */
interface Receiver {
  url: string;
  received: Stripe.Event[];
  rejected: string[];
  /** Status to answer, per delivery (default 200). */
  answer: (event: Stripe.Event) => number;
  delayMs: number;
  server: Server;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [], rejected: [], answer: () => 200, delayMs: 0 } as unknown as Receiver;
  receiver.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = Stripe.webhooks.constructEvent(body, req.headers['stripe-signature'] as string, SECRET);
        if (receiver.delayMs) await new Promise((resolve) => setTimeout(resolve, receiver.delayMs));
        receiver.received.push(event);
        res.writeHead(receiver.answer(event)).end();
      } catch (error) {
        receiver.rejected.push((error as Error).message);
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/webhooks/stripe`;
  return receiver;
}

let receiver: Receiver;
let fake: StripeFake;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startReceiver();
  fake = await startStripeFake({
    webhook: { url: receiver.url, secret: SECRET },
    webhookRetryDelaysMs: [20, 40],
  });
  stripe = stripeClientFor(fake);
});
afterAll(async () => {
  await fake.stop();
  await new Promise((resolve) => receiver.server.close(resolve));
});
beforeEach(() => {
  fake.reset();
  receiver.received.length = 0;
  receiver.rejected.length = 0;
  receiver.answer = () => 200;
  receiver.delayMs = 0;
});

const payByCard = () =>
  stripe.paymentIntents.create({
    amount: 4_200,
    currency: 'eur',
    allowed_payment_method_types: ['card'],
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { invoice_id: 'inv_1' },
  });

describe('webhook delivery', () => {
  it('delivers every event, in order, signed so that constructEvent accepts it', async () => {
    const pi = await payByCard();
    await fake.flushDeliveries();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received.map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    expect(receiver.received.map((e) => e.id)).toEqual(fake.events.map((e) => e.id));
    const [created, , succeeded] = receiver.received;
    // Snapshots: each event shows the object as it was then, like Stripe's data.object.
    expect((created!.data.object as Stripe.PaymentIntent).status).toBe('requires_payment_method');
    expect(succeeded!.data.object).toMatchObject({
      id: pi.id,
      status: 'succeeded',
      metadata: { invoice_id: 'inv_1' },
    });
    expect(succeeded).toMatchObject({
      object: 'event',
      livemode: false,
      api_version: Stripe.API_VERSION,
      pending_webhooks: 1,
    });
    expect(succeeded!.request?.id).toBe(pi.lastResponse.requestId);
  });

  it('does not hold the API response back while the app handles the webhook', async () => {
    receiver.delayMs = 400;
    await payByCard();
    // The API call has returned; the app is still busy with (at most) the first delivery.
    expect(receiver.received).toHaveLength(0);
    await fake.flushDeliveries();
    expect(receiver.received).toHaveLength(3);
  });

  it('retries a delivery the app answered with an error', async () => {
    let failures = 1;
    receiver.answer = (event) => (event.type === 'payment_intent.succeeded' && failures-- > 0 ? 500 : 200);
    await payByCard();
    await fake.flushDeliveries();
    const attempts = fake.deliveries.filter((d) => d.type === 'payment_intent.succeeded');
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it('redelivers an event ten times at once, for idempotency tests', async () => {
    await payByCard();
    await fake.flushDeliveries();
    const succeeded = fake.events.find((e) => e.type === 'payment_intent.succeeded')!;
    receiver.received.length = 0;
    const records = await fake.deliver(succeeded.id, { times: 10, concurrently: true });
    expect(records.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(receiver.received.map((e) => e.id)).toEqual(Array(10).fill(succeeded.id));
  });

  it('holds deliveries while paused, so a test can deliver them out of order', async () => {
    fake.pauseDeliveries();
    await payByCard();
    await fake.flushDeliveries();
    expect(receiver.received).toHaveLength(0);
    const ids = fake.events.map((e) => e.id);
    await fake.deliver([...ids].reverse());
    expect(receiver.received.map((e) => e.id)).toEqual([...ids].reverse());
    await fake.deliver(ids, { shuffle: true });
    expect(new Set(receiver.received.slice(3).map((e) => e.id))).toEqual(new Set(ids));
    fake.resumeDeliveries();
    await fake.flushDeliveries();
    expect(receiver.received).toHaveLength(9);
  });

  it('builds signed requests for forged-signature and replay-window tests', async () => {
    await payByCard();
    const event = fake.events[0]!;
    const good = fake.signedRequest(event);
    expect(Stripe.webhooks.constructEvent(good.body, good.headers['stripe-signature']!, SECRET).id).toBe(
      event.id,
    );
    const forged = fake.signedRequest(event.id, { secret: 'whsec_attacker' });
    expect(() =>
      Stripe.webhooks.constructEvent(forged.body, forged.headers['stripe-signature']!, SECRET),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const old = fake.signedRequest(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(() => Stripe.webhooks.constructEvent(old.body, old.headers['stripe-signature']!, SECRET)).toThrow(
      /tolerance/,
    );
  });
});
