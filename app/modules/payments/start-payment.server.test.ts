import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { business, disputes, payments } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createIssuedInvoice, createPaidInvoice, createVoidInvoice } from '../../../test/factories';
import { startStripeFake, type StripeFake } from '../../../test/fakes/stripe/server';
import { startPayment } from './start-payment.server';

let fake: StripeFake;
beforeAll(async () => {
  fake = await startStripeFake({ requireIdempotencyKeys: true });
  // Read once by env() on first use, which happens after this point in this file's module registry.
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: 'sk_test_acquit',
    STRIPE_API_BASE: fake.url,
    STRIPE_TIMEOUT_MS: '800',
  });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const debtor = { type: 'debtor', ip: '127.0.0.1', userAgent: 'vitest' } as const;
const creations = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');

describe('starting a payment from the debtor page', () => {
  test('the amount and currency come from the invoice; a double click or two tabs get one PaymentIntent', async () => {
    const invoice = await createIssuedInvoice();
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        startPayment(db(), { invoiceId: invoice.invoiceId, requestedMinor: null, actor: debtor }),
      ),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.paymentIntentId : r.error)));
    expect(ids.size).toBe(1);
    expect(results[0]).toMatchObject({ ok: true, amountMinor: invoice.totalMinor, currency: 'EUR' });
    expect(fake.state.paymentIntents.size).toBe(1);
    const [pi] = [...fake.state.paymentIntents.values()];
    expect(pi).toMatchObject({
      amount: invoice.totalMinor,
      currency: 'eur',
      metadata: { invoice_id: invoice.invoiceId },
    });
    expect(pi!.payment_method_types.sort()).toEqual(['card', 'sepa_debit']);
    expect(await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId))).toHaveLength(
      1,
    );
    // Coming back later reuses it too.
    const again = await startPayment(db(), {
      invoiceId: invoice.invoiceId,
      requestedMinor: null,
      actor: debtor,
    });
    expect(again.ok && again.paymentIntentId).toBe(pi!.id);
    expect(creations()).toHaveLength(1);
  });

  test('a partial amount only where the business allows it, within its minimum and the balance', async () => {
    const invoice = await createIssuedInvoice();
    const start = (requestedMinor: number) =>
      startPayment(db(), { invoiceId: invoice.invoiceId, requestedMinor, actor: debtor });
    expect(await start(10_000)).toMatchObject({ ok: false, error: 'partial_not_allowed' });
    await db()
      .update(business)
      .set({ partialPaymentsAllowed: true, minPartialPaymentMinor: 5_000 })
      .where(eq(business.id, invoice.businessId));
    expect(await start(invoice.totalMinor + 1)).toMatchObject({
      ok: false,
      error: 'amount_too_large',
      maxMinor: invoice.totalMinor,
    });
    expect(await start(4_999)).toMatchObject({ ok: false, error: 'amount_too_small', minMinor: 5_000 });
    expect(fake.state.paymentIntents.size).toBe(0);
    const partial = await start(20_000);
    expect(partial).toMatchObject({ ok: true, amountMinor: 20_000 });
    // Changing the amount updates the same PaymentIntent rather than piling up new ones.
    const full = await start(invoice.totalMinor);
    expect(full.ok && partial.ok && full.paymentIntentId === partial.paymentIntentId).toBe(true);
    expect([...fake.state.paymentIntents.values()][0]!.amount).toBe(invoice.totalMinor);
  });

  test('a paid, void or fully disputed invoice cannot be paid', async () => {
    const paid = await createPaidInvoice();
    const voided = await createVoidInvoice();
    const disputed = await createIssuedInvoice();
    await db().insert(disputes).values({
      invoiceId: disputed.invoiceId,
      reason: 'not_delivered',
      amountMinor: disputed.totalMinor,
      scope: 'invoice',
    });
    for (const [invoice, error] of [
      [paid, 'not_open'],
      [voided, 'not_open'],
      [disputed, 'disputed'],
    ] as const) {
      expect(
        await startPayment(db(), { invoiceId: invoice.invoiceId, requestedMinor: null, actor: debtor }),
      ).toMatchObject({ ok: false, error });
    }
    expect(fake.state.paymentIntents.size).toBe(0);
  });

  test('Stripe answers 500 and then succeeds: one PaymentIntent, created under one idempotency key', async () => {
    const invoice = await createIssuedInvoice();
    fake.failNext({ method: 'POST', path: '/v1/payment_intents', kind: '500' });
    const result = await startPayment(db(), {
      invoiceId: invoice.invoiceId,
      requestedMinor: null,
      actor: debtor,
    });
    expect(result.ok).toBe(true);
    expect(fake.state.paymentIntents.size).toBe(1);
    const keys = creations().map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
  });

  test('a timeout is "outcome unknown": retried with the same key, it finds the PaymentIntent made meanwhile', async () => {
    const invoice = await createIssuedInvoice();
    fake.failNext({ method: 'POST', path: '/v1/payment_intents', kind: 'timeout', holdMs: 3_000 });
    const result = await startPayment(db(), {
      invoiceId: invoice.invoiceId,
      requestedMinor: null,
      actor: debtor,
    });
    expect(result.ok).toBe(true);
    expect(fake.state.paymentIntents.size).toBe(1);
    expect(creations().length).toBeGreaterThanOrEqual(2);
    expect(creations().some((r) => r.replayed)).toBe(true);
  });

  test('Stripe down for good: a clear refusal, nothing written', async () => {
    const invoice = await createIssuedInvoice();
    fake.failNext({ method: 'POST', path: '/v1/payment_intents', kind: '500', times: 10 });
    expect(
      await startPayment(db(), { invoiceId: invoice.invoiceId, requestedMinor: null, actor: debtor }),
    ).toEqual({ ok: false, error: 'stripe_unavailable' });
    expect(await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId))).toHaveLength(
      0,
    );
  });
});
