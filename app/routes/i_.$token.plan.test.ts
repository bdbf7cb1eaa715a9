import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paymentPlans } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createOverdueInvoice } from '../../test/factories';
import type { StripeFake } from '../../test/fakes/stripe/server';
import type { RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';
import { textOf } from '../../test/support/admin-client';
import { OFFERS } from '../../test/support/plans';
import { startAppWithStripe } from '../../test/support/stripe-app';

let app: RunningApp;
let fake: StripeFake;
beforeAll(async () => {
  ({ app, fake } = await startAppWithStripe());
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

async function planPage(token: string) {
  const client = createClient(app.url);
  const page = await client.get(`/i/${token}/plan?lang=en`);
  const post = (fields: Record<string, string>) =>
    client.postForm(`/i/${token}/plan`, { csrf: csrfFrom(page.body), ...fields });
  return { client, page, post };
}

const plansOf = (invoiceId: string) =>
  db().select().from(paymentPlans).where(eq(paymentPlans.invoiceId, invoiceId));

describe('the plan page /i/<token>/plan', () => {
  test('private, the same 404 for a bad token, each offer with its schedule', async () => {
    const business = await createBusiness({ installmentOffers: OFFERS });
    const invoice = await createOverdueInvoice(4, { businessId: business.id });
    const { page } = await planPage(invoice.token);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    const text = textOf(page.body);
    expect(text).toContain('3 parts — one a month');
    expect(text).toContain('3 parts — one a month, split 30 / 30 / 40');
    expect(text).toContain('€660.00');
    expect((await createClient(app.url).get(`/i/${'A'.repeat(43)}/plan`)).status).toBe(404);
  });

  test('choosing: the server computes the first part; an unknown offer is refused and writes nothing', async () => {
    const business = await createBusiness({ installmentOffers: OFFERS });
    const invoice = await createOverdueInvoice(4, { businessId: business.id });
    const { post } = await planPage(invoice.token);
    const unknown = await post({ intent: 'choose', offerId: 'x12' });
    expect(unknown.status).toBe(400);
    expect(await plansOf(invoice.invoiceId)).toHaveLength(0);

    const before = fake.requests.length;
    const [a, b] = await Promise.all([
      post({ intent: 'choose', offerId: '303040', amountMinor: '1' }),
      post({ intent: 'choose', offerId: '303040' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const plans = await plansOf(invoice.invoiceId);
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ status: 'pending', totalMinor: invoice.totalMinor });
    const created = fake.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
    expect(created).toHaveLength(1);
    expect(created[0]!.params).toMatchObject({ amount: '49500', setup_future_usage: 'off_session' });
  });

  test('a prepay-only customer, or one switched off, is offered no plan', async () => {
    const business = await createBusiness({ installmentOffers: OFFERS });
    const prepay = await createCustomer(business.id, { creditPolicy: 'prepay_only' });
    const off = await createCustomer(business.id, { installmentsAllowed: false });
    for (const customer of [prepay, off]) {
      const invoice = await createOverdueInvoice(4, { businessId: business.id, customerId: customer.id });
      const client = createClient(app.url);
      const page = await client.get(`/i/${invoice.token}/plan?lang=en`);
      expect(textOf(page.body)).toContain('Installment plans are not offered for this account.');
      // No form on that page: the form token comes from another page of the same link.
      const csrf = csrfFrom((await client.get(`/i/${invoice.token}/promise`)).body);
      const chosen = await client.postForm(`/i/${invoice.token}/plan`, {
        csrf,
        intent: 'choose',
        offerId: 'x3',
      });
      expect(chosen.status).toBe(400);
      expect(await plansOf(invoice.invoiceId)).toHaveLength(0);
      const invoicePage = await createClient(app.url).get(`/i/${invoice.token}`);
      expect(invoicePage.body).not.toContain(`/i/${invoice.token}/plan`);
    }
  });
});
