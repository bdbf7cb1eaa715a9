/** The fake honours idempotency keys as Stripe does, and injects the failures the app must survive. */
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeClientFor } from './client';
import { startStripeFake, type StripeFake } from './server';
import { caught, invoicePayment } from './test-helpers';

let fake: StripeFake;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startStripeFake();
  stripe = stripeClientFor(fake);
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

describe('idempotency', () => {
  it('replays the same key with the same parameters: same object, one creation, Idempotent-Replayed', async () => {
    const first = await stripe.paymentIntents.create(invoicePayment, {
      idempotencyKey: 'invoice-1:payment:1',
    });
    const second = await stripe.paymentIntents.create(invoicePayment, {
      idempotencyKey: 'invoice-1:payment:1',
    });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.state.paymentIntents.size).toBe(1);
    expect(fake.events.filter((e) => e.type === 'payment_intent.created')).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path === '/v1/payment_intents').map((r) => r.replayed)).toEqual([
      false,
      true,
    ]);
  });

  it('replays the stored response byte for byte', async () => {
    const send = () =>
      fetch(`${fake.url}/v1/payment_intents`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer sk_test_raw',
          'Idempotency-Key': 'k1',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'amount=5000&currency=eur',
      }).then((r) => r.text());
    expect(await send()).toBe(await send());
  });

  it('rejects the same key with different parameters or on another endpoint', async () => {
    await stripe.paymentIntents.create(invoicePayment, { idempotencyKey: 'invoice-1:payment:1' });
    const changed = await caught(
      stripe.paymentIntents.create(
        { ...invoicePayment, amount: 13_000 },
        { idempotencyKey: 'invoice-1:payment:1' },
      ),
    );
    expect(changed).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(changed).toMatchObject({ statusCode: 400, rawType: 'idempotency_error' });
    const elsewhere = await caught(
      stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'invoice-1:payment:1' }),
    );
    expect(elsewhere).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(fake.state.paymentIntents.size).toBe(1);
    expect(fake.state.customers.size).toBe(0);
  });

  it('can insist on idempotency keys of the app’s own (requireIdempotencyKeys)', async () => {
    const strict = await startStripeFake({ requireIdempotencyKeys: true });
    try {
      const client = stripeClientFor(strict);
      const error = await caught(client.paymentIntents.create(invoicePayment));
      expect(error.message).toMatch(/no idempotency key of its own/);
      expect(
        (await client.paymentIntents.create(invoicePayment, { idempotencyKey: 'invoice-1:payment:1' }))
          .status,
      ).toBe('requires_payment_method');
      expect((await client.paymentIntents.list()).data).toHaveLength(1);
    } finally {
      await strict.stop();
    }
  });

  it('scopes keys to the API key', async () => {
    const a = await stripe.paymentIntents.create(invoicePayment, { idempotencyKey: 'shared' });
    const b = await stripeClientFor(fake, 'sk_test_other_account').paymentIntents.create(invoicePayment, {
      idempotencyKey: 'shared',
    });
    expect(b.id).not.toBe(a.id);
  });

  it('replays a decline as the same decline, and does not save requests that failed validation', async () => {
    const params = { ...invoicePayment, payment_method: 'pm_card_chargeDeclined', confirm: true };
    const first = await caught(stripe.paymentIntents.create(params, { idempotencyKey: 'decline' }));
    const second = await caught(stripe.paymentIntents.create(params, { idempotencyKey: 'decline' }));
    expect(second).toMatchObject({
      code: 'card_declined',
      charge: first.charge,
      payment_intent: { id: first.payment_intent!.id },
    });
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(fake.state.paymentIntents.size).toBe(1);

    await caught(
      stripe.paymentIntents.create({ ...invoicePayment, amount: 10 }, { idempotencyKey: 'fixed-later' }),
    );
    const fixed = await stripe.paymentIntents.create(
      { ...invoicePayment, amount: 1000 },
      { idempotencyKey: 'fixed-later' },
    );
    expect(fixed.amount).toBe(1000);
  });
});

describe('fault injection', () => {
  const create = (key: string) => stripe.paymentIntents.create(invoicePayment, { idempotencyKey: key });

  it('500 before the work: a retry with the same key creates exactly one PaymentIntent', async () => {
    fake.failNext({ method: 'POST', path: '/v1/payment_intents', kind: '500' });
    const error = await caught(create('k'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error.statusCode).toBe(500);
    expect(fake.state.paymentIntents.size).toBe(0);
    const pi = await create('k');
    expect([...fake.state.paymentIntents.keys()]).toEqual([pi.id]);
  });

  it('500 after commit: the same key replays the success; a new key would charge twice', async () => {
    fake.failNext({ path: '/v1/payment_intents', kind: '500_after_commit' });
    expect(await caught(create('k'))).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(fake.state.paymentIntents.size).toBe(1);
    const replayed = await create('k');
    expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect([...fake.state.paymentIntents.keys()]).toEqual([replayed.id]);
    await create('another-key');
    expect(fake.state.paymentIntents.size).toBe(2);
  });

  it('timeout: the SDK gives up (outcome unknown); a retry with the same key returns what the call did', async () => {
    fake.failNext({ path: '/v1/payment_intents', kind: 'timeout' });
    const impatient = stripeClientFor(fake, 'sk_test_fake', { timeoutMs: 300 });
    const error = await caught(impatient.paymentIntents.create(invoicePayment, { idempotencyKey: 'k' }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    const [createdDuringTimeout] = fake.state.paymentIntents.keys();
    const retried = await impatient.paymentIntents.create(invoicePayment, { idempotencyKey: 'k' });
    expect(retried.id).toBe(createdDuringTimeout);
    expect(fake.state.paymentIntents.size).toBe(1);
  });

  it('timeout with holdMs answers late (a slow Stripe)', async () => {
    fake.failNext({ path: '/v1/customers', kind: 'timeout', holdMs: 100 });
    const started = Date.now();
    await stripe.customers.create({ email: 'slow@example.com' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('network reset: stripe-node retries once by itself with the same key', async () => {
    fake.failNext({ path: '/v1/payment_intents', kind: 'network_reset_after_commit' });
    const pi = await stripe.paymentIntents.create(invoicePayment);
    const attempts = fake.requests.filter((r) => r.path === '/v1/payment_intents');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.idempotencyKey).toBe(attempts[0]!.idempotencyKey);
    expect(attempts[1]!.replayed).toBe(true);
    expect([...fake.state.paymentIntents.keys()]).toEqual([pi.id]);
  });

  it('forces a decline or 3D Secure on the next payment attempt, whatever the card', async () => {
    fake.failNext({ path: /\/confirm$/, kind: 'decline' });
    const pi = await stripe.paymentIntents.create(invoicePayment);
    expect(
      await caught(stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' })),
    ).toMatchObject({ code: 'card_declined' });
    fake.failNext({ path: /\/confirm$/, kind: 'authentication_required' });
    expect((await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' })).status).toBe(
      'requires_action',
    );
  });
});
