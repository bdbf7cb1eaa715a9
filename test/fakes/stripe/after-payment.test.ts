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
const mandateData = {
  customer_acceptance: { type: 'online' as const, online: { ip_address: '127.0.0.1', user_agent: 'vitest' } },
};
const eventTypes = () => fake.events.map((e) => e.type);

async function sepaDebit(iban: string) {
  const pm = await stripe.paymentMethods.create({
    type: 'sepa_debit',
    sepa_debit: { iban },
    billing_details: { name: 'Jeanne Martin', email: 'j@example.com' },
  });
  return stripe.paymentIntents.create({
    amount: 50_000,
    currency: 'eur',
    allowed_payment_method_types: ['sepa_debit'],
    payment_method: pm.id,
    mandate_data: mandateData,
    confirm: true,
  });
}

describe('bank debits', () => {
  it('keeps a SEPA debit processing until the bank settles it, then succeeds', async () => {
    const pi = await sepaDebit('DE89370400440532013000');
    expect(pi.status).toBe('processing');
    const charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge).toMatchObject({
      status: 'pending',
      paid: false,
      payment_method_details: { type: 'sepa_debit', sepa_debit: { last4: '3000' } },
    });
    expect(eventTypes()).toEqual(['payment_intent.created', 'charge.pending', 'payment_intent.processing']);

    fake.settle(pi.id, 'succeeded');
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    expect((await stripe.charges.retrieve(charge.id)).status).toBe('succeeded');
    expect(eventTypes().slice(-2)).toEqual(['charge.succeeded', 'payment_intent.succeeded']);
    const succeeded = fake.events.at(-1)!;
    expect(succeeded.request).toEqual({ id: null, idempotency_key: null });
  });

  it('fails a SEPA debit later, back to requires_payment_method', async () => {
    const pi = await sepaDebit('AT861904300235473202');
    fake.settle(pi.id, 'failed');
    const after = await stripe.paymentIntents.retrieve(pi.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.code).toBe('insufficient_funds');
    expect(eventTypes().slice(-2)).toEqual(['charge.failed', 'payment_intent.payment_failed']);
  });

  it('needs a mandate, a valid IBAN and a EUR PaymentIntent for SEPA', async () => {
    const pm = await stripe.paymentMethods.create({
      type: 'sepa_debit',
      sepa_debit: { iban: 'DE89370400440532013000' },
      billing_details: { name: 'J', email: 'j@example.com' },
    });
    const pi = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'eur',
      allowed_payment_method_types: ['sepa_debit'],
    });
    expect(await caught(stripe.paymentIntents.confirm(pi.id, { payment_method: pm.id }))).toMatchObject({
      param: 'mandate_data',
    });
    const badIban = stripe.paymentMethods.create({
      type: 'sepa_debit',
      sepa_debit: { iban: 'DE00123' },
      billing_details: { name: 'J', email: 'j@example.com' },
    });
    expect(await caught(badIban)).toMatchObject({ code: 'invalid_bank_account_iban' });
    const card = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'eur',
      allowed_payment_method_types: ['card'],
    });
    expect(
      await caught(
        stripe.paymentIntents.confirm(card.id, { payment_method: pm.id, mandate_data: mandateData }),
      ),
    ).toMatchObject({
      code: 'payment_intent_incompatible_payment_method',
    });
  });

  it('debits a US bank account (ACH) through processing', async () => {
    const pm = await stripe.paymentMethods.create({
      type: 'us_bank_account',
      us_bank_account: {
        routing_number: '110000000',
        account_number: '000123456789',
        account_holder_type: 'company',
      },
      billing_details: { name: 'Acme Inc' },
    });
    const pi = await stripe.paymentIntents.create({
      amount: 10_000,
      currency: 'usd',
      allowed_payment_method_types: ['us_bank_account'],
      payment_method: pm.id,
      mandate_data: mandateData,
      confirm: true,
    });
    expect(pi.status).toBe('processing');
    fake.settle(pi.id, 'succeeded');
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
  });

  it('settles by itself in auto-settle mode, with the test account’s outcome', async () => {
    const auto = await startStripeFake({ autoSettleBankDebitsMs: 20 });
    try {
      const client = stripeClientFor(auto);
      const pm = await client.paymentMethods.create({
        type: 'sepa_debit',
        sepa_debit: { iban: 'AT861904300235473202' },
        billing_details: { name: 'J', email: 'j@example.com' },
      });
      const pi = await client.paymentIntents.create({
        amount: 5000,
        currency: 'eur',
        payment_method: pm.id,
        mandate_data: mandateData,
        confirm: true,
      });
      expect(pi.status).toBe('processing');
      await expect
        .poll(async () => (await client.paymentIntents.retrieve(pi.id)).status)
        .toBe('requires_payment_method');
    } finally {
      await auto.stop();
    }
  });
});

describe('refunds', () => {
  async function paid(amount = 10_000) {
    return stripe.paymentIntents.create({
      amount,
      currency: 'eur',
      allowed_payment_method_types: ['card'],
      payment_method: 'pm_card_visa',
      confirm: true,
    });
  }

  it('refunds partly, then the rest, and refuses to refund more than was paid', async () => {
    const pi = await paid();
    const partial = await stripe.refunds.create({
      payment_intent: pi.id,
      amount: 2_500,
      reason: 'requested_by_customer',
    });
    expect(partial).toMatchObject({
      object: 'refund',
      amount: 2_500,
      status: 'succeeded',
      payment_intent: pi.id,
      charge: pi.latest_charge,
    });
    expect(partial.id).toMatch(/^re_/);
    expect(await stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({
      amount_refunded: 2_500,
      refunded: false,
    });

    const tooMuch = await caught(stripe.refunds.create({ payment_intent: pi.id, amount: 7_501 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    expect(tooMuch.message).toBe(
      'Refund amount (€75.01) is greater than unrefunded amount on charge (€75.00)',
    );

    const rest = await stripe.refunds.create({ charge: pi.latest_charge as string });
    expect(rest.amount).toBe(7_500);
    expect(await stripe.charges.retrieve(pi.latest_charge as string)).toMatchObject({
      amount_refunded: 10_000,
      refunded: true,
    });
    expect(await caught(stripe.refunds.create({ payment_intent: pi.id }))).toMatchObject({
      code: 'charge_already_refunded',
    });
    expect(eventTypes().filter((t) => t === 'charge.refunded')).toHaveLength(2);
    expect((await stripe.refunds.retrieve(partial.id)).amount).toBe(2_500);
    expect((await stripe.refunds.list({ payment_intent: pi.id })).data).toHaveLength(2);
  });

  it('refuses to refund a payment that has not succeeded', async () => {
    const pi = await sepaDebit('DE89370400440532013000');
    expect(await caught(stripe.refunds.create({ payment_intent: pi.id }))).toMatchObject({
      statusCode: 400,
      param: 'payment_intent',
    });
  });

  it('opens and closes disputes', async () => {
    const pi = await paid();
    const chargeId = pi.latest_charge as string;
    const opened = fake.dispute(chargeId);
    expect(opened).toMatchObject({
      object: 'dispute',
      status: 'needs_response',
      charge: chargeId,
      payment_intent: pi.id,
      amount: 10_000,
    });
    expect((await stripe.charges.retrieve(chargeId)).disputed).toBe(true);
    expect(await caught(stripe.refunds.create({ payment_intent: pi.id }))).toMatchObject({
      code: 'charge_disputed',
    });

    const lost = fake.dispute(chargeId, { status: 'lost' });
    expect(lost.id).toBe(opened.id);
    expect((await stripe.disputes.retrieve(opened.id)).status).toBe('lost');
    const types = eventTypes();
    expect(types).toContain('charge.dispute.created');
    const closed = fake.events.find((e) => e.type === 'charge.dispute.closed')!;
    expect((closed.data.object as Stripe.Dispute).status).toBe('lost');

    const won = await paid();
    fake.dispute(won.latest_charge as string, { status: 'won' });
    expect(eventTypes().slice(-2)).toEqual(['charge.dispute.closed', 'charge.dispute.funds_reinstated']);
  });
});
