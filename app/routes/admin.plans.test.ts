import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { business, customers, installments, paymentPlans, promises } from '#db/schema/index';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createOverdueInvoice, createUser } from '../../test/factories';
import { putOnPlan } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
const today = todayIn('Europe/Paris');

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  const user = await createUser(businessId, { name: 'Claire Plans' });
  client = await loginAs(app, user);
  csrf = await csrfOf(client, '/admin/plans');
});
afterAll(() => app.stop());

const settingsOf = async () => (await db().select().from(business).where(eq(business.id, businessId)))[0]!;

describe('plan and promise settings', () => {
  test('saves offers (equal parts and a custom split) and limits', async () => {
    const res = await client.postForm('/admin/plans/settings?lang=en', {
      csrf,
      'offers[0].parts': '3',
      'offers[0].interval': 'monthly',
      'offers[1].parts': '3',
      'offers[1].interval': 'monthly',
      'offers[1].split': '30/30/40',
      'offers[2].parts': '',
      'offers[2].interval': 'biweekly',
      minFirstPart: '100',
      minInvoice: '500,00',
      maxDurationDays: '120',
      promiseMaxDays: '30',
      promiseMaxPerInvoice: '2',
    });
    expect(res.status, res.body).toBe(200);
    expect(textOf(res.body)).toContain('Settings saved.');
    expect(await settingsOf()).toMatchObject({
      installmentOffers: [
        { id: '3m', parts: 3, interval: 'monthly' },
        { id: '3m-30-30-40', parts: 3, interval: 'monthly', splitPercent: [30, 30, 40] },
      ],
      planMinFirstPartMinor: 10_000,
      planMinInvoiceMinor: 50_000,
      planMaxDurationDays: 120,
    });
  });

  test('a split that does not add up to 100 answers 400 beside the field, and saves nothing', async () => {
    const before = await settingsOf();
    const res = await client.postForm('/admin/plans/settings', {
      csrf,
      'offers[0].parts': '3',
      'offers[0].interval': 'monthly',
      'offers[0].split': '30/30/30',
      minFirstPart: '0',
      minInvoice: '0',
      maxDurationDays: '120',
      promiseMaxDays: '30',
      promiseMaxPerInvoice: '2',
    });
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(
      '3 pourcentages entiers, tous supérieurs à 0, dont la somme fait 100.',
    );
    expect(await settingsOf()).toEqual(before);
  });

  test('the per-customer switch', async () => {
    const customer = await createCustomer(businessId);
    const res = await client.postForm('/admin/plans/settings', {
      csrf,
      intent: 'customer',
      customerId: customer.id,
      allowed: 'no',
    });
    expect(res.status).toBe(200);
    const [row] = await db().select().from(customers).where(eq(customers.id, customer.id));
    expect(row!.installmentsAllowed).toBe(false);
  });
});

describe('plans and promises list', () => {
  test('shows plans with their state and cancels a live one; a phone promise is recorded from the invoice', async () => {
    const invoice = await createOverdueInvoice(10, { businessId });
    await putOnPlan(invoice, 'active');
    const [plan] = await db()
      .select()
      .from(paymentPlans)
      .where(eq(paymentPlans.invoiceId, invoice.invoiceId));
    await db()
      .insert(installments)
      .values({ planId: plan!.id, seq: 2, dueDate: addDaysIso(today, 20), amountMinor: 100 });
    const page = await client.get('/admin/plans?lang=en');
    expect(textOf(page.body)).toContain(invoice.number);
    expect(textOf(page.body)).toContain('Active');

    const cancel = await client.postForm('/admin/plans?lang=en', { csrf, planId: plan!.id });
    expect(cancel.status).toBe(200);
    expect(textOf(cancel.body)).toContain('Plan cancelled');
    const [after] = await db().select().from(paymentPlans).where(eq(paymentPlans.id, plan!.id));
    expect(after!.status).toBe('cancelled');
    const again = await client.postForm('/admin/plans?lang=en', { csrf, planId: plan!.id });
    expect(again.status).toBe(409);

    const phone = await client.postForm(`/admin/invoices/${invoice.invoiceId}/promise`, {
      csrf,
      promisedDate: addDaysIso(today, 5),
      reason: 'cash_flow',
      note: 'Appel du comptable',
    });
    expect(phone.status, phone.body).toBe(302);
    const [p] = await db().select().from(promises).where(eq(promises.invoiceId, invoice.invoiceId));
    expect(p).toMatchObject({ source: 'staff', status: 'active', promisedDate: addDaysIso(today, 5) });
    const bad = await client.postForm(`/admin/invoices/${invoice.invoiceId}/promise`, {
      csrf,
      promisedDate: 'demain',
    });
    expect(bad.status).toBe(400);
  });
});
