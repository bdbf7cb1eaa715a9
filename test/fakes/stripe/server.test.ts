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

const eventTypes = () => fake.events.map((e) => e.type);

describe('payment intents through the stripe SDK', () => {
  it('creates, confirms and succeeds a card payment, with a charge', async () => {
    const pi = await stripe.paymentIntents.create(invoicePayment);
    expect(pi).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 12_000,
      currency: 'eur',
      livemode: false,
    });
    expect(pi).toMatchObject({
      metadata: { invoice_id: 'inv_1' },
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
    });
    expect(pi.id).toMatch(/^pi_\w{24}$/);
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_\\w+$`));
    expect(pi.lastResponse.requestId).toMatch(/^req_/);

    const paid = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 12_000 });
    // As on Stripe, a test token makes a fresh PaymentMethod.
    expect(paid.payment_method).toMatch(/^pm_\w{24}$/);
    const charge = await stripe.charges.retrieve(paid.latest_charge as string);
    expect(charge).toMatchObject({
      object: 'charge',
      status: 'succeeded',
      paid: true,
      amount: 12_000,
      payment_intent: pi.id,
      refunded: false,
    });
    expect(charge.metadata).toEqual({ invoice_id: 'inv_1' });
    expect(charge.payment_method_details?.card).toMatchObject({ brand: 'visa', last4: '4242' });

    const expanded = await stripe.paymentIntents.retrieve(pi.id, {
      expand: ['latest_charge', 'payment_method'],
    });
    expect((expanded.latest_charge as Stripe.Charge).id).toBe(charge.id);
    expect((expanded.payment_method as Stripe.PaymentMethod).card?.last4).toBe('4242');
    expect(eventTypes()).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
  });

  it('declines with 402 card_declined and puts the PaymentIntent back to requires_payment_method', async () => {
    const pi = await stripe.paymentIntents.create(invoicePayment);
    const error = await caught(
      stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclined' }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      type: 'StripeCardError',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    expect(error.payment_intent).toMatchObject({ id: pi.id, status: 'requires_payment_method' });

    const after = await stripe.paymentIntents.retrieve(pi.id);
    expect(after).toMatchObject({ status: 'requires_payment_method', payment_method: null });
    expect(after.last_payment_error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      message: 'Your card was declined.',
    });
    expect(eventTypes()).toEqual([
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
    ]);

    // The debtor tries again with another card: the same PaymentIntent succeeds.
    const insufficient = await caught(
      stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }),
    );
    expect(insufficient).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds' });
    expect((await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' })).status).toBe(
      'succeeded',
    );
  });

  it('asks for 3D Secure on-session, then succeeds once the customer authenticates', async () => {
    const pi = await stripe.paymentIntents.create({
      ...invoicePayment,
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
    });
    expect(pi.status).toBe('requires_action');
    expect(pi.next_action?.type).toBe('use_stripe_sdk');
    fake.authenticate(pi.id);
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    expect(eventTypes()).toContain('payment_intent.requires_action');
  });

  it('offers the allowed payment method types that suit the currency', async () => {
    const everything: Pick<Stripe.PaymentIntentCreateParams, 'allowed_payment_method_types'> = {
      allowed_payment_method_types: ['card', 'sepa_debit', 'us_bank_account'],
    };
    const eur = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur', ...everything });
    expect(eur.payment_method_types).toEqual(['card', 'sepa_debit']);
    const usd = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      ...everything,
      excluded_payment_method_types: ['card'],
    });
    expect(usd.payment_method_types).toEqual(['us_bank_account']);
    expect(
      (await stripe.paymentIntents.create({ amount: 1000, currency: 'gbp' })).payment_method_types,
    ).toEqual(['card']);
  });

  it('refuses a second confirmation and cancels only what can be canceled', async () => {
    const pi = await stripe.paymentIntents.create({
      ...invoicePayment,
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const again = await caught(stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' }));
    expect(again).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(await caught(stripe.paymentIntents.cancel(pi.id))).toMatchObject({
      code: 'payment_intent_unexpected_state',
    });

    const open = await stripe.paymentIntents.create(invoicePayment);
    const canceled = await stripe.paymentIntents.cancel(open.id, { cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(eventTypes()).toContain('payment_intent.canceled');
  });

  it('updates metadata as Stripe merges it, and lists a customer’s PaymentIntents newest first', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const first = await stripe.paymentIntents.create({ ...invoicePayment, customer: customer.id });
    const second = await stripe.paymentIntents.create({ ...invoicePayment, customer: customer.id });
    await stripe.paymentIntents.create(invoicePayment);
    const updated = await stripe.paymentIntents.update(first.id, {
      metadata: { invoice_id: '', attempt: '2' },
      amount: 9_000,
    });
    expect(updated.metadata).toEqual({ attempt: '2' });
    expect(updated.amount).toBe(9_000);

    const page = await stripe.paymentIntents.list({ customer: customer.id, limit: 1 });
    expect(page.data.map((pi) => pi.id)).toEqual([second.id]);
    expect(page.has_more).toBe(true);
    const all = await stripe.paymentIntents.list({ customer: customer.id }).autoPagingToArray({ limit: 10 });
    expect(all.map((pi) => pi.id)).toEqual([second.id, first.id]);
  });

  it('answers unknown objects with 404 resource_missing', async () => {
    const error = await caught(stripe.paymentIntents.retrieve('pi_nope'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      param: 'intent',
      message: "No such payment_intent: 'pi_nope'",
    });
  });
});

describe('parameter validation', () => {
  it('rejects unknown parameters, at any depth, naming them', async () => {
    const top = await caught(
      stripe.paymentIntents.create({ ...invoicePayment, colour: 'red' } as Stripe.PaymentIntentCreateParams),
    );
    expect(top).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(top).toMatchObject({
      statusCode: 400,
      code: 'parameter_unknown',
      param: 'colour',
      message: 'Received unknown parameter: colour',
    });
    const nested = await caught(
      stripe.paymentIntents.create({
        ...invoicePayment,
        automatic_payment_methods: { enabled: true, shiny: true },
      } as Stripe.PaymentIntentCreateParams),
    );
    expect(nested).toMatchObject({ code: 'parameter_unknown', param: 'automatic_payment_methods[shiny]' });
  });

  it('rejects wrong types and amounts Stripe would refuse', async () => {
    expect(await caught(stripe.paymentIntents.create({ ...invoicePayment, amount: 10.5 }))).toMatchObject({
      code: 'parameter_invalid_integer',
      param: 'amount',
    });
    expect(await caught(stripe.paymentIntents.create({ ...invoicePayment, amount: 49 }))).toMatchObject({
      code: 'amount_too_small',
      param: 'amount',
      message: 'Amount must be at least €0.50 eur',
    });
    expect(await caught(stripe.paymentIntents.create({ ...invoicePayment, currency: 'xyz' }))).toMatchObject({
      param: 'currency',
    });
    expect(
      await caught(stripe.paymentIntents.create({ amount: 100 } as Stripe.PaymentIntentCreateParams)),
    ).toMatchObject({
      code: 'parameter_missing',
      param: 'currency',
    });
    expect(
      await caught(
        stripe.paymentIntents.create({ ...invoicePayment, setup_future_usage: 'sometimes' as 'off_session' }),
      ),
    ).toMatchObject({
      param: 'setup_future_usage',
    });
    expect(
      await caught(
        stripe.paymentIntents.create({
          ...invoicePayment,
          currency: 'usd',
          allowed_payment_method_types: ['sepa_debit'],
        }),
      ),
    ).toMatchObject({
      param: 'allowed_payment_method_types',
    });
    // The pinned API version (endive) replaced payment_method_types with allowed_payment_method_types.
    expect(
      await caught(
        stripe.paymentIntents.create({
          amount: 100,
          currency: 'eur',
          payment_method_types: ['card'],
        } as Stripe.PaymentIntentCreateParams),
      ),
    ).toMatchObject({
      code: 'parameter_unknown',
      param: 'payment_method_types',
    });
    // Nothing was created by any of these.
    expect(fake.state.paymentIntents.size).toBe(0);
    expect(fake.events).toHaveLength(0);
  });

  it('reads bracket notation the way the SDK writes it', async () => {
    const body =
      'amount=5000&currency=eur&allowed_payment_method_types[]=card&metadata[invoice_id]=inv_9&expand[]=latest_charge';
    const response = await fetch(`${fake.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_raw', 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      amount: 5000,
      payment_method_types: ['card'],
      metadata: { invoice_id: 'inv_9' },
    });
  });
});

describe('authentication', () => {
  it('answers 401 in Stripe’s error shape without a key or with a non-test key', async () => {
    const response = await fetch(`${fake.url}/v1/payment_intents`);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringMatching(/^You did not provide an API key/),
    });
    const live = await caught(stripeClientFor(fake, 'sk_live_abcdefghijkl').paymentIntents.list());
    expect(live).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(live.message).toMatch(/^Invalid API Key provided: sk_live_/);
  });

  it('serves the Stripe.js double at /v3/ for the simulated-payments dev mode', async () => {
    const response = await fetch(`${fake.url}/v3/`);
    expect(response.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await response.text()).toContain('window.Stripe = Stripe');
  });

  it('refuses publishable keys on server-only endpoints', async () => {
    const error = await caught(
      stripeClientFor(fake, 'pk_test_browser').paymentIntents.create(invoicePayment),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.message).toMatch(/publishable API key/);
  });

  it('lets a publishable key read and confirm a PaymentIntent with its client secret only', async () => {
    const pi = await stripe.paymentIntents.create(invoicePayment);
    const browser = (path: string, body?: string) =>
      fetch(
        `${fake.url}${path}`,
        body
          ? { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body }
          : {},
      );
    const read = await browser(
      `/v1/payment_intents/${pi.id}?key=pk_test_x&client_secret=${pi.client_secret}`,
    );
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    const seen = await read.json();
    expect(seen).toMatchObject({
      id: pi.id,
      status: 'requires_payment_method',
      payment_method_types: ['card'],
    });
    expect(seen.metadata).toBeUndefined();
    expect(
      (await browser(`/v1/payment_intents/${pi.id}?key=pk_test_x&client_secret=${pi.id}_secret_wrong`))
        .status,
    ).toBe(400);
    const confirmed = await browser(
      `/v1/payment_intents/${pi.id}/confirm`,
      `key=pk_test_x&client_secret=${pi.client_secret}&payment_method=pm_card_visa`,
    );
    expect((await confirmed.json()).status).toBe('succeeded');

    const preflight = await fetch(`${fake.url}/v1/payment_intents/${pi.id}`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});
