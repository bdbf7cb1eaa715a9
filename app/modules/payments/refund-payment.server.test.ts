import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { events, payments, refunds } from '#db/schema/index';
import {
  createIssuedInvoice,
  createPartlyPaidInvoice,
  readInvoice,
  type IssuedInvoice,
} from '../../../test/factories';
import { stripeClientFor } from '../../../test/fakes/stripe/client';
import { startStripeFake, type StripeFake } from '../../../test/fakes/stripe/server';
import { applyRefunds } from './apply-charge.server';
import { applyPaymentIntent } from './apply-payment-intent.server';
import { refundPayment, type RefundInput } from './refund-payment.server';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { db } from '~/utils/db.server';

let fake: StripeFake;
let client: Stripe;
const owner = { type: 'user', id: '00000000-0000-4000-8000-000000000001' } as const;

beforeAll(async () => {
  fake = await startStripeFake({ requireIdempotencyKeys: true });
  client = stripeClientFor(fake);
  // env() is read once, on first use (after this): the app's Stripe client talks to the fake.
  process.env.STRIPE_SECRET_KEY = 'sk_test_x';
  process.env.STRIPE_API_BASE = fake.url;
});
afterAll(() => fake.stop());

/** A card payment that Stripe confirmed and the app applied, as the webhook would. */
async function cardPayment(invoice: IssuedInvoice, amount = invoice.totalMinor) {
  const pi = await client.paymentIntents.create(
    {
      amount,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
      metadata: {
        invoice_id: invoice.invoiceId,
        business_id: invoice.businessId,
        invoice_number: invoice.number,
      },
    },
    { idempotencyKey: `test:${invoice.invoiceId}:${amount}` },
  );
  expect(pi.status).toBe('succeeded');
  await db().transaction((tx) => applyPaymentIntent(tx, pi, pi.created));
  const [row] = await db().select().from(payments).where(eq(payments.stripePaymentIntentId, pi.id));
  return { paymentId: row!.id, pi };
}

const refundsOf = (paymentId: string) => db().select().from(refunds).where(eq(refunds.paymentId, paymentId));
const refundCalls = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
const input = (invoice: IssuedInvoice, paymentId: string, over: Partial<RefundInput> = {}): RefundInput => ({
  businessId: invoice.businessId,
  paymentId,
  amountMinor: 10_000,
  requestKey: crypto.randomUUID(),
  actor: owner,
  ...over,
});

describe('refundPayment', () => {
  test('a partial then a full refund reopen the paid invoice; nothing is left to refund after', async () => {
    const invoice = await createIssuedInvoice();
    const { paymentId, pi } = await cardPayment(invoice);
    expect((await readInvoice(invoice.invoiceId)).status).toBe('paid');

    const first = await refundPayment(
      db(),
      input(invoice, paymentId, { amountMinor: 50_000, reason: 'requested_by_customer' }),
    );
    expect(first).toMatchObject({
      ok: true,
      amountMinor: 50_000,
      status: 'succeeded',
      invoiceReopened: true,
    });
    expect((await readInvoice(invoice.invoiceId)).status).toBe('open');
    expect(await invoiceLedger(db(), invoice.invoiceId)).toMatchObject({
      paidMinor: 115_000,
      balanceMinor: 50_000,
    });

    const second = await refundPayment(db(), input(invoice, paymentId, { amountMinor: 115_000 }));
    expect(second).toMatchObject({ ok: true, amountMinor: 115_000, invoiceReopened: false });
    expect(await invoiceLedger(db(), invoice.invoiceId)).toMatchObject({
      paidMinor: 0,
      balanceMinor: 165_000,
    });
    expect(await refundPayment(db(), input(invoice, paymentId, { amountMinor: 1 }))).toEqual({
      ok: false,
      error: 'too_much',
      refundableMinor: 0,
    });

    const rows = await refundsOf(paymentId);
    expect(rows.map((r) => [r.amountMinor, r.status, r.reason]).sort()).toEqual([
      [115_000, 'succeeded', null],
      [50_000, 'succeeded', 'requested_by_customer'],
    ]);
    const calls = refundCalls().filter((c) => c.params.payment_intent === pi.id);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.idempotencyKey).toMatch(new RegExp(`^refund:${paymentId}:`));
    expect(calls[0]!.params.metadata).toMatchObject({ payment_id: paymentId });
    const timeline = await db()
      .select({ type: events.type, data: events.data })
      .from(events)
      .where(eq(events.invoiceId, invoice.invoiceId));
    expect(timeline.filter((e) => e.type === 'payment.refund_requested')).toHaveLength(2);
    expect(timeline.filter((e) => e.type === 'invoice.reopened')).toHaveLength(1);
  });

  test('more than what is left is refused before Stripe is asked, and nothing is written', async () => {
    const invoice = await createIssuedInvoice();
    const { paymentId } = await cardPayment(invoice, 60_000);
    const before = refundCalls().length;
    for (const amountMinor of [60_001, 0, -5, 1.5]) {
      expect(await refundPayment(db(), input(invoice, paymentId, { amountMinor }))).toMatchObject({
        ok: false,
        error: 'too_much',
        refundableMinor: 60_000,
      });
    }
    expect(refundCalls().length).toBe(before);
    expect(await refundsOf(paymentId)).toHaveLength(0);
  });

  test('a double submit (same request key, even at once) refunds once', async () => {
    const invoice = await createIssuedInvoice();
    const { paymentId, pi } = await cardPayment(invoice);
    const once = input(invoice, paymentId, { amountMinor: 20_000 });
    const results = await Promise.all([refundPayment(db(), once), refundPayment(db(), once)]);
    const again = await refundPayment(db(), once);
    expect(new Set([...results, again].map((r) => (r.ok ? r.refundId : r.error))).size).toBe(1);
    expect([...fake.state.refunds.values()].filter((r) => r.payment_intent === pi.id)).toHaveLength(1);
    expect(await refundsOf(paymentId)).toHaveLength(1);
    const requested = await db()
      .select()
      .from(events)
      .where(and(eq(events.invoiceId, invoice.invoiceId), eq(events.type, 'payment.refund_requested')));
    expect(requested).toHaveLength(1);
    expect(await invoiceLedger(db(), invoice.invoiceId)).toMatchObject({ paidMinor: 145_000 });
  });

  test('the refund webhook landing too (before or after) still counts the refund once', async () => {
    const invoice = await createIssuedInvoice();
    const { paymentId, pi } = await cardPayment(invoice);
    const result = await refundPayment(db(), input(invoice, paymentId, { amountMinor: 30_000 }));
    expect(result.ok).toBe(true);
    const list = (await client.refunds.list({ payment_intent: pi.id })).data;
    await db().transaction((tx) =>
      applyRefunds(tx, { id: pi.latest_charge as string, payment_intent: pi.id }, list),
    );
    expect(await refundsOf(paymentId)).toHaveLength(1);
    expect(await invoiceLedger(db(), invoice.invoiceId)).toMatchObject({
      paidMinor: 135_000,
      balanceMinor: 30_000,
    });
  });

  test('offline, unfinished, foreign and disputed payments are not refunded', async () => {
    const offline = await createPartlyPaidInvoice();
    expect(await refundPayment(db(), input(offline, offline.paymentId))).toEqual({
      ok: false,
      error: 'not_refundable',
    });

    const invoice = await createIssuedInvoice();
    const { paymentId } = await cardPayment(invoice);
    expect(await refundPayment(db(), input(offline, paymentId))).toEqual({ ok: false, error: 'not_found' });
    expect(await refundPayment(db(), input(invoice, 'nope'))).toEqual({ ok: false, error: 'not_found' });

    await db().update(payments).set({ chargebackStatus: 'needs_response' }).where(eq(payments.id, paymentId));
    expect(await refundPayment(db(), input(invoice, paymentId))).toEqual({ ok: false, error: 'disputed' });
    await db()
      .update(payments)
      .set({ chargebackStatus: null, status: 'processing' })
      .where(eq(payments.id, paymentId));
    expect(await refundPayment(db(), input(invoice, paymentId))).toEqual({
      ok: false,
      error: 'not_refundable',
    });
    expect(await refundsOf(paymentId)).toHaveLength(0);
  });

  test('Stripe down: an error, nothing written; Stripe failing after doing it: the retry with the same key records it once', async () => {
    const invoice = await createIssuedInvoice();
    const { paymentId, pi } = await cardPayment(invoice);
    fake.failNext({ method: 'POST', path: '/v1/refunds', kind: '500', times: 3 });
    expect(await refundPayment(db(), input(invoice, paymentId))).toEqual({
      ok: false,
      error: 'stripe_unavailable',
    });
    expect(await refundsOf(paymentId)).toHaveLength(0);

    fake.failNext({ method: 'POST', path: '/v1/refunds', kind: '500_after_commit' });
    expect(await refundPayment(db(), input(invoice, paymentId, { amountMinor: 7_000 }))).toMatchObject({
      ok: true,
    });
    expect([...fake.state.refunds.values()].filter((r) => r.payment_intent === pi.id)).toHaveLength(1);
    expect(await refundsOf(paymentId)).toHaveLength(1);
  });

  test('Stripe refusing (the same request key reused for another amount) comes back as its message', async () => {
    const invoice = await createIssuedInvoice();
    const { paymentId } = await cardPayment(invoice);
    const requestKey = crypto.randomUUID();
    expect(
      (await refundPayment(db(), input(invoice, paymentId, { requestKey, amountMinor: 1_000 }))).ok,
    ).toBe(true);
    const reused = await refundPayment(db(), input(invoice, paymentId, { requestKey, amountMinor: 2_000 }));
    expect(reused).toMatchObject({ ok: false, error: 'stripe_refused' });
    expect(await refundsOf(paymentId)).toHaveLength(1);
  });
});
