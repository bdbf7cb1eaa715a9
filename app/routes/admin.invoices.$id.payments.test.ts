import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payments, refunds } from '#db/schema/index';
import { applyPaymentIntent } from '~/modules/payments/apply-payment-intent.server';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createIssuedInvoice,
  createPartlyPaidInvoice,
  createUser,
  readInvoice,
  type IssuedInvoice,
} from '../../test/factories';
import { stripeClientFor } from '../../test/fakes/stripe/client';
import { startStripeFake, type StripeFake } from '../../test/fakes/stripe/server';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';

let fake: StripeFake;
let stripe: Stripe;
let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;

beforeAll(async () => {
  fake = await startStripeFake();
  stripe = stripeClientFor(fake);
  app = await startApp({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_API_BASE: fake.url });
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId));
  csrf = await csrfOf(client, '/admin/invoices');
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

async function cardPayment(invoice: IssuedInvoice) {
  const pi = await stripe.paymentIntents.create({
    amount: invoice.totalMinor,
    currency: 'eur',
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: {
      invoice_id: invoice.invoiceId,
      business_id: invoice.businessId,
      invoice_number: invoice.number,
    },
  });
  await db().transaction((tx) => applyPaymentIntent(tx, pi, pi.created));
  const [row] = await db().select().from(payments).where(eq(payments.stripePaymentIntentId, pi.id));
  return { paymentId: row!.id, pi };
}

const page = async (invoiceId: string) => client.get(`/admin/invoices/${invoiceId}?lang=en`);
/** The hidden request key the page rendered in the refund form of `paymentId`. */
function refundKeyIn(html: string, paymentId: string): string {
  const form = html.split(`value="${paymentId}"`)[1] ?? '';
  return /name="requestKey" value="([^"]+)"/.exec(form)?.[1] ?? '';
}
const refund = (invoiceId: string, fields: Record<string, string>, withCsrf = true) =>
  client.postForm(`/admin/invoices/${invoiceId}?lang=en`, {
    ...(withCsrf ? { csrf } : {}),
    intent: 'refund',
    ...fields,
  });
const refundCalls = (piId: string) =>
  fake.requests.filter(
    (r) => r.method === 'POST' && r.path === '/v1/refunds' && r.params.payment_intent === piId,
  );

describe('payments card', () => {
  it('lists card and offline payments with their state, Stripe id and receipt; refund only for Stripe', async () => {
    const invoice = await createPartlyPaidInvoice({ businessId, paidMinor: 40_000 });
    const response = await page(invoice.invoiceId);
    const text = textOf(response.body);
    expect(text).toContain('Payment history');
    expect(text).toContain('Bank transfer');
    expect(text).toContain(`Ref. VIR ${invoice.number}`);
    expect(text).toContain('€400.00 Succeeded');
    expect(response.body).toContain(`/admin/payments/${invoice.paymentId}/receipt?lang=en`);
    expect(response.body).not.toContain('name="intent" value="refund"');

    const paid = await createIssuedInvoice({ businessId });
    const { paymentId, pi } = await cardPayment(paid);
    const html = (await page(paid.invoiceId)).body;
    expect(textOf(html)).toContain(pi.id);
    expect(html).toContain('name="intent" value="refund"');
    expect(html).toMatch(/name="amount"[^>]*value="1650.00"|value="1650.00"[^>]*name="amount"/);
    expect(refundKeyIn(html, paymentId)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refunds part of a card payment once however often the form is sent, and reopens the invoice', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const { paymentId, pi } = await cardPayment(invoice);
    expect((await readInvoice(invoice.invoiceId)).status).toBe('paid');
    const requestKey = refundKeyIn((await page(invoice.invoiceId)).body, paymentId);
    const fields = { paymentId, requestKey, amount: '500.00', reason: 'requested_by_customer' };

    const first = await refund(invoice.invoiceId, fields);
    expect(first.status).toBe(200);
    expect(textOf(first.body)).toContain(
      'Refund of €500.00 requested from Stripe. The invoice is open again.',
    );
    const again = await refund(invoice.invoiceId, fields);
    expect(again.status).toBe(200);

    expect(refundCalls(pi.id).map((r) => r.idempotencyKey)).toEqual([
      `refund:${paymentId}:${requestKey}`,
      `refund:${paymentId}:${requestKey}`,
    ]);
    expect([...fake.state.refunds.values()].filter((r) => r.payment_intent === pi.id)).toHaveLength(1);
    expect(await db().select().from(refunds).where(eq(refunds.paymentId, paymentId))).toHaveLength(1);
    expect((await readInvoice(invoice.invoiceId)).status).toBe('open');

    const after = textOf((await page(invoice.invoiceId)).body);
    expect(after).toContain('Partly refunded: €500.00');
    expect(after).toContain('Refund requested');
    expect(after).toContain('Up to €1,150.00.');
  });

  it('answers bad input with a 400 and a message beside the amount, and writes nothing', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const { paymentId, pi } = await cardPayment(invoice);
    const requestKey = crypto.randomUUID();
    const cases: [Record<string, string>, string][] = [
      [{ paymentId, requestKey, amount: 'abc' }, 'Enter a positive amount with at most 2 decimals.'],
      [{ paymentId, requestKey, amount: '0' }, 'Enter a positive amount with at most 2 decimals.'],
      [{ paymentId, requestKey, amount: '1650.01' }, 'You can refund at most €1,650.00.'],
      [
        { paymentId, requestKey, amount: '10', reason: 'because' },
        'This refund form is incomplete: reload the page.',
      ],
      [{ paymentId: 'x', requestKey, amount: '10' }, 'This refund form is incomplete: reload the page.'],
    ];
    for (const [fields, message] of cases) {
      const response = await refund(invoice.invoiceId, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(textOf(response.body)).toContain(message);
    }
    const amountError = /id="([^"]+)"[^>]*>\s*<li>You can refund at most/.exec(
      (await refund(invoice.invoiceId, { paymentId, requestKey, amount: '9999' })).body,
    );
    expect(amountError?.[1]).toMatch(/amount/);
    expect(refundCalls(pi.id)).toHaveLength(0);
    expect(await db().select().from(refunds).where(eq(refunds.paymentId, paymentId))).toHaveLength(0);
  });

  it('refuses an offline payment, and another invoice’s payment, with a 4xx', async () => {
    const offline = await createPartlyPaidInvoice({ businessId });
    const response = await refund(offline.invoiceId, {
      paymentId: offline.paymentId,
      requestKey: crypto.randomUUID(),
      amount: '10',
    });
    expect(response.status).toBe(409);
    expect(textOf(response.body)).toContain('Only a succeeded Stripe payment can be refunded here.');

    const card = await createIssuedInvoice({ businessId });
    const { paymentId } = await cardPayment(card);
    const elsewhere = await refund(offline.invoiceId, {
      paymentId,
      requestKey: crypto.randomUUID(),
      amount: '10',
    });
    expect(elsewhere.status).toBe(404);
  });

  it('refuses a refund without the CSRF token (403) and asks Stripe nothing', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const { paymentId, pi } = await cardPayment(invoice);
    const response = await refund(
      invoice.invoiceId,
      { paymentId, requestKey: crypto.randomUUID(), amount: '10' },
      false,
    );
    expect(response.status).toBe(403);
    expect(refundCalls(pi.id)).toHaveLength(0);
  });
});

describe('receipt downloads', () => {
  it('admin: the PDF of a payment of the business, 404 for anyone else’s', async () => {
    const invoice = await createPartlyPaidInvoice({ businessId });
    const response = await client.get(`/admin/payments/${invoice.paymentId}/receipt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(`receipt-${invoice.number}.pdf`);
    expect(response.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const theirs = await createPartlyPaidInvoice();
    expect((await client.get(`/admin/payments/${theirs.paymentId}/receipt`)).status).toBe(404);
    expect((await client.get(`/admin/payments/nope/receipt`)).status).toBe(404);
    expect((await createClient(app.url).get(`/admin/payments/${invoice.paymentId}/receipt`)).status).toBe(
      302,
    );
  });

  it('debtor: the receipt of a succeeded payment of the link’s invoice, the same 404 for any other', async () => {
    const invoice = await createPartlyPaidInvoice({ businessId });
    const debtor = createClient(app.url);
    const response = await debtor.get(`/i/${invoice.token}/receipt/${invoice.paymentId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');

    const other = await createPartlyPaidInvoice({ businessId });
    const pending = await createIssuedInvoice({ businessId });
    const [processing] = await db()
      .insert(payments)
      .values({
        businessId,
        customerId: pending.customerId,
        invoiceId: pending.invoiceId,
        currency: 'EUR',
        amountMinor: 1000,
        status: 'processing',
        stripePaymentIntentId: `pi_route_${pending.invoiceId}`,
      })
      .returning();
    for (const path of [
      `/i/${invoice.token}/receipt/${other.paymentId}`,
      `/i/${pending.token}/receipt/${processing!.id}`,
      `/i/${invoice.token}/receipt/not-an-id`,
      `/i/${'x'.repeat(43)}/receipt/${invoice.paymentId}`,
    ]) {
      expect((await debtor.get(path)).status, path).toBe(404);
    }
  });
});
