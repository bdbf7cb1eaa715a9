import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createIssuedInvoice, createPaidInvoice } from '../../test/factories';
import type { StripeFake } from '../../test/fakes/stripe/server';
import type { RunningApp } from '../../test/setup/app-server';
import { createClient } from '../../test/setup/http';
import { payFromPage, paymentRows, startAppWithStripe } from '../../test/support/stripe-app';

let app: RunningApp;
let fake: StripeFake;
beforeAll(async () => {
  ({ app, fake } = await startAppWithStripe());
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

const creations = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');

describe('paying from the debtor page (HTTP)', () => {
  test('a double click makes one PaymentIntent, for the amount the server computed', async () => {
    const invoice = await createIssuedInvoice();
    const before = creations().length;
    const { post } = await payFromPage(app.url, invoice.token);
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(creations().length - before).toBe(1);
    const rows = await paymentRows(invoice.invoiceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      amountMinor: invoice.totalMinor,
      currency: 'EUR',
      status: 'requires_payment_method',
    });
  });

  test('a tampered amount, currency or invoice id in the POST is ignored or refused', async () => {
    const target = await createIssuedInvoice();
    const other = await createIssuedInvoice({ businessId: target.businessId });
    const { post } = await payFromPage(app.url, target.token, {
      invoiceId: other.invoiceId,
      currency: 'USD',
      amountMinor: '1',
    });
    expect((await post()).status).toBe(200);
    expect(await paymentRows(other.invoiceId)).toHaveLength(0);
    const [row] = await paymentRows(target.invoiceId);
    expect(row).toMatchObject({ amountMinor: target.totalMinor, currency: 'EUR' });
    const pi = fake.state.paymentIntents.get(row!.stripePaymentIntentId!);
    expect(pi).toMatchObject({
      amount: target.totalMinor,
      currency: 'eur',
      metadata: { invoice_id: target.invoiceId },
    });

    // The business does not allow partial payments: a smaller amount is refused, as is more than the balance.
    const second = await createIssuedInvoice();
    const smaller = await payFromPage(app.url, second.token, { amount: '10,00' });
    expect((await smaller.post()).status).toBe(400);
    const larger = await payFromPage(app.url, second.token, { amount: '999999' });
    expect((await larger.post()).status).toBe(400);
    const junk = await payFromPage(app.url, second.token, { amount: '<script>' });
    expect((await junk.post()).status).toBe(400);
    expect(await paymentRows(second.invoiceId)).toHaveLength(0);
  });

  test('a paid invoice is refused with a clear reason, and no PaymentIntent is made', async () => {
    const paid = await createPaidInvoice();
    const open = await createIssuedInvoice();
    const before = creations().length;
    // A settled page shows no payment form; the form token belongs to the browser, so take it from another page.
    const { client, csrf } = await payFromPage(app.url, open.token);
    const res = await client.postForm(`/i/${paid.token}`, { csrf, intent: 'pay' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('not_open');
    expect(creations().length).toBe(before);
  });

  test('without the form token, or from another origin, nothing happens', async () => {
    const invoice = await createIssuedInvoice();
    const client = createClient(app.url);
    await client.get(`/i/${invoice.token}`);
    expect((await client.postForm(`/i/${invoice.token}`, { intent: 'pay' })).status).toBe(403);
    expect(
      (await client.postForm(`/i/${invoice.token}`, { intent: 'pay' }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    expect(await paymentRows(invoice.invoiceId)).toHaveLength(0);
  });
});
