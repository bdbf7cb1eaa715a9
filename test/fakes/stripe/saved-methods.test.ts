import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeClientFor } from './client';
import { startStripeFake, type StripeFake } from './server';

let fake: StripeFake;
let stripe: Stripe;

beforeAll(async () => {
  fake = await startStripeFake();
  stripe = stripeClientFor(fake);
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a Stripe error'),
    (error: unknown) => error as Stripe.errors.StripeError,
  );

/** The first installment: paid now on-session, card saved for the next ones. */
async function payFirstInstallment(customer: string, card: string) {
  const pi = await stripe.paymentIntents.create({
    amount: 30_000,
    currency: 'eur',
    customer,
    allowed_payment_method_types: ['card'],
    setup_future_usage: 'off_session',
    payment_method: card,
    confirm: true,
  });
  if (pi.status === 'requires_action') fake.authenticate(pi.id);
  return stripe.paymentIntents.retrieve(pi.id);
}

const chargeOffSession = (customer: string, paymentMethod: string) =>
  stripe.paymentIntents.create(
    {
      amount: 30_000,
      currency: 'eur',
      customer,
      payment_method: paymentMethod,
      off_session: true,
      confirm: true,
      allowed_payment_method_types: ['card'],
    },
    { idempotencyKey: `installment-2:${paymentMethod}` },
  );

describe('customers', () => {
  it('creates, retrieves and updates a customer', async () => {
    const customer = await stripe.customers.create({
      email: 'ap@example.com',
      name: 'ACME SARL',
      metadata: { business_id: 'b1' },
    });
    expect(customer).toMatchObject({
      object: 'customer',
      email: 'ap@example.com',
      name: 'ACME SARL',
      livemode: false,
    });
    expect(customer.id).toMatch(/^cus_/);
    const updated = await stripe.customers.update(customer.id, {
      metadata: { business_id: '', customer_id: 'c1' },
      preferred_locales: ['fr'],
    });
    expect(updated.metadata).toEqual({ customer_id: 'c1' });
    expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({
      preferred_locales: ['fr'],
    });
    expect(await caught(stripe.customers.retrieve('cus_nope'))).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });
});

describe('saved payment methods and off-session charges (installments)', () => {
  it('saves the card of an on-session payment with setup_future_usage, then charges it off-session', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const first = await payFirstInstallment(customer.id, 'pm_card_visa');
    expect(first.status).toBe('succeeded');
    const saved = first.payment_method as string;
    expect((await stripe.paymentMethods.retrieve(saved)).customer).toBe(customer.id);
    expect(fake.events.map((e) => e.type)).toContain('payment_method.attached');
    expect((await stripe.customers.listPaymentMethods(customer.id)).data.map((pm) => pm.id)).toEqual([saved]);

    const second = await chargeOffSession(customer.id, saved);
    expect(second).toMatchObject({ status: 'succeeded', customer: customer.id, payment_method: saved });
  });

  it('declines an off-session charge of a saved card that has stopped working', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const saved = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    const error = await caught(chargeOffSession(customer.id, saved.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      code: 'card_declined',
      payment_intent: { status: 'requires_payment_method' },
    });
    // The saved card stays saved: the app may retry it later.
    expect((await stripe.paymentMethods.retrieve(saved.id)).customer).toBe(customer.id);
  });

  it('answers authentication_required off-session for a card that always needs 3D Secure', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const saved = await stripe.paymentMethods.attach('pm_card_authenticationRequired', {
      customer: customer.id,
    });
    const error = await caught(chargeOffSession(customer.id, saved.id));
    expect(error).toMatchObject({
      statusCode: 402,
      code: 'authentication_required',
      decline_code: 'authentication_required',
    });
    const pi = error.payment_intent!;
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error?.code).toBe('authentication_required');
  });

  it('lets an authenticate-on-setup card through off-session only once it was set up with 3D Secure', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const notSetUp = await stripe.paymentMethods.attach('pm_card_authenticationRequiredOnSetup', {
      customer: customer.id,
    });
    expect(await caught(chargeOffSession(customer.id, notSetUp.id))).toMatchObject({
      code: 'authentication_required',
    });

    const si = await stripe.setupIntents.create({
      customer: customer.id,
      allowed_payment_method_types: ['card'],
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
    });
    expect(si).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    fake.authenticate(si.id);
    const done = await stripe.setupIntents.retrieve(si.id);
    expect(done.status).toBe('succeeded');
    expect((await chargeOffSession(customer.id, done.payment_method as string)).status).toBe('succeeded');
  });

  it('fails a SetupIntent for a card that declines, and attaching it too', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const error = await caught(
      stripe.setupIntents.create({
        customer: customer.id,
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
      }),
    );
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined' });
    expect(fake.events.map((e) => e.type)).toContain('setup_intent.setup_failed');
    expect(
      await caught(stripe.paymentMethods.attach('pm_card_chargeDeclined', { customer: customer.id })),
    ).toMatchObject({ code: 'card_declined' });
  });

  it('refuses to reuse a method spent without a customer, or one saved on another customer', async () => {
    const once = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const again = await caught(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'eur',
        payment_method: once.payment_method as string,
        confirm: true,
      }),
    );
    expect(again.message).toMatch(/may not be used again/);

    const alice = await stripe.customers.create({ email: 'alice@example.com' });
    const bob = await stripe.customers.create({ email: 'bob@example.com' });
    const alicesCard = await stripe.paymentMethods.attach('pm_card_visa', { customer: alice.id });
    expect((await caught(chargeOffSession(bob.id, alicesCard.id))).statusCode).toBe(400);
  });

  it('detaches a method, which then cannot be used again', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const detached = await stripe.paymentMethods.detach(card.id);
    expect(detached.customer).toBeNull();
    expect((await stripe.paymentMethods.list({ customer: customer.id })).data).toEqual([]);
    expect(await caught(stripe.paymentMethods.attach(card.id, { customer: customer.id }))).toMatchObject({
      statusCode: 400,
    });
  });

  it('saves a SEPA mandate with a SetupIntent and debits it off-session later', async () => {
    const customer = await stripe.customers.create({ email: 'ap@example.com' });
    const pm = await stripe.paymentMethods.create({
      type: 'sepa_debit',
      sepa_debit: { iban: 'DE89370400440532013000' },
      billing_details: { name: 'Jeanne Martin', email: 'jeanne@example.com' },
    });
    const si = await stripe.setupIntents.create({
      customer: customer.id,
      allowed_payment_method_types: ['sepa_debit'],
      payment_method: pm.id,
      confirm: true,
      mandate_data: {
        customer_acceptance: { type: 'online', online: { ip_address: '127.0.0.1', user_agent: 'test' } },
      },
    });
    expect(si.status).toBe('succeeded');
    expect(si.mandate).toMatch(/^mandate_/);
    const debit = await stripe.paymentIntents.create({
      amount: 30_000,
      currency: 'eur',
      customer: customer.id,
      payment_method: pm.id,
      allowed_payment_method_types: ['sepa_debit'],
      off_session: true,
      confirm: true,
    });
    expect(debit.status).toBe('processing');
  });
});
