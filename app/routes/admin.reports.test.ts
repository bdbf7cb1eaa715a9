import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payments, tasks } from '#db/schema/index';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createInvoiceDueOn, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { loginAs, textOf } from '../../test/support/admin-client';
import { parseCsv } from '../../test/support/csv';

let app: RunningApp;
let client: HttpClient;
let businessId: string;
const today = todayIn('Europe/Paris');
const line = (amountMinor: number) => [
  { description: 'Prestation', quantityMilli: 1000, unitPriceMinor: amountMinor, taxRateBps: 0 },
];
const ids = { societe: '', acme: '', late45: '', late5: '' };

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness({ timeZone: 'Europe/Paris' })).id;
  client = await loginAs(app, await createUser(businessId));
  const societe = await createCustomer(businessId, { name: 'Société Générale d’Études ; Lyon' });
  const acme = await createCustomer(businessId, { name: '=Acme+1' });
  ids.societe = societe.id;
  ids.acme = acme.id;
  const opts = (customerId: string, amount: number) => ({ businessId, customerId, lines: line(amount) });
  ids.late45 = (await createInvoiceDueOn(addDaysIso(today, -45), opts(societe.id, 123_456))).invoiceId;
  ids.late5 = (await createInvoiceDueOn(addDaysIso(today, -5), opts(societe.id, 10_000))).invoiceId;
  await createInvoiceDueOn(addDaysIso(today, 10), opts(acme.id, 2_000));
  await createInvoiceDueOn(addDaysIso(today, -100), { ...opts(acme.id, 3_000), currency: 'USD' });
  const paid = await createInvoiceDueOn(addDaysIso(today, -3), opts(acme.id, 7_000));
  const result = await recordOfflinePayment(db(), {
    businessId,
    invoiceId: paid.invoiceId,
    amountMinor: 7_000,
    method: 'bank_transfer',
    receivedOn: today,
    actor: { type: 'system' },
  });
  expect(result.ok).toBe(true);
  await db().update(payments).set({ succeededAt: new Date() }).where(eq(payments.invoiceId, paid.invoiceId));
  await db().insert(tasks).values({ businessId, kind: 'call', title: 'Appeler', dueOn: today });
  // Someone else's debt never shows.
  await createInvoiceDueOn(addDaysIso(today, -45), { lines: line(999_999) });
});
afterAll(() => app.stop());

describe('reports pages', () => {
  it('need a signed-in user', async () => {
    const anonymous = createClient(app.url);
    for (const path of [
      '/admin',
      '/admin/reports/aging',
      '/admin/reports/aging.csv',
      '/admin/reports/aging/invoices',
    ]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(302);
      expect(response.location).toMatch(/^\/admin\/login/);
    }
  });

  it('dashboard: figures per currency, each linking to its list, and the trend as a chart and a table', async () => {
    const page = await client.get('/admin?lang=en');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    // Outstanding in euros: 1 234,56 + 100 + 20 = 1 354,56; overdue: 1 334,56; collected this month: 70.
    expect(text).toContain('Outstanding €1,354.56 3 open invoices');
    expect(text).toContain('Overdue €1,334.56 2 overdue invoices');
    expect(text).toContain('Collected this month €70.00');
    expect(text).toContain('Outstanding US$30.00 1 open invoice');
    expect(text).toContain('Today’s tasks 1');
    expect(page.body).toContain(
      'href="/admin/reports/aging/invoices?currency=EUR&amp;bucket=overdue&amp;lang=en"',
    );
    expect(page.body).toContain(
      `href="/admin/reports/collections?currency=EUR&amp;month=${today.slice(0, 7)}&amp;lang=en"`,
    );
    expect(page.body).toContain('href="/admin/disputes?filter=open&amp;lang=en"');
    expect(page.body).toMatch(
      /<svg role="img" aria-labelledby="[^"]+"[^>]*><title[^>]*>Collections over the last six months, in EUR<\/title><desc/,
    );
    expect(text).not.toContain('9,999.99');
  });

  it('aging report: totals per currency, customers with links to their invoices per bucket, a CSV form', async () => {
    const page = await client.get('/admin/reports/aging?lang=fr');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Balance âgée');
    expect(text).toContain('Société Générale d’Études ; Lyon');
    expect(text).toMatch(/EUR 20,00\s€ 100,00\s€ 1\s234,56\s€ 0,00\s€ 0,00\s€ 1\s354,56\s€/);
    expect(page.body).toContain(
      `href="/admin/reports/aging/invoices?customer=${ids.societe}&amp;currency=EUR&amp;bucket=days31to60&amp;lang=fr"`,
    );
    expect(page.body).toContain('action="/admin/reports/aging.csv"');
    // The dollars are one tab away.
    const usd = await client.get('/admin/reports/aging?currency=USD&lang=en');
    expect(textOf(usd.body)).toContain('1 customer owes something in USD');
  });

  it('drill-down: a customer and bucket lists exactly its invoices', async () => {
    const page = await client.get(
      `/admin/reports/aging/invoices?customer=${ids.societe}&currency=EUR&bucket=days31to60&lang=en`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="/admin/invoices/${ids.late45}?lang=en"`);
    expect(page.body).not.toContain(`/admin/invoices/${ids.late5}`);
    expect(textOf(page.body)).toContain('1 invoice');
    const overdue = await client.get('/admin/reports/aging/invoices?bucket=overdue&currency=EUR');
    expect(overdue.body).toContain(`/admin/invoices/${ids.late5}`);
    expect(overdue.body).toContain(`/admin/invoices/${ids.late45}`);
  });

  it('CSV export: BOM, the chosen separator with its decimal mark, every customer, names kept and formulas neutralised', async () => {
    const semi = await client.get('/admin/reports/aging.csv?sep=semicolon&lang=fr');
    expect(semi.status).toBe(200);
    expect(semi.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(semi.headers.get('content-disposition')).toMatch(
      /^attachment; filename="balance-agee-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect([...semi.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(semi.body.slice(1), ';');
    expect(rows[0]).toEqual([
      'Client',
      'Devise',
      'Non échu',
      '1 à 30 j',
      '31 à 60 j',
      '61 à 90 j',
      'Plus de 90 j',
      'Total',
      'Factures',
    ]);
    expect(rows).toContainEqual([
      'Société Générale d’Études ; Lyon',
      'EUR',
      '0,00',
      '100,00',
      '1234,56',
      '0,00',
      '0,00',
      '1334,56',
      '2',
    ]);
    expect(rows).toContainEqual(["'=Acme+1", 'EUR', '20,00', '0,00', '0,00', '0,00', '0,00', '20,00', '1']);
    expect(rows).toContainEqual(["'=Acme+1", 'USD', '0,00', '0,00', '0,00', '0,00', '30,00', '30,00', '1']);
    expect(rows).toContainEqual([
      'Tous les clients',
      'EUR',
      '20,00',
      '100,00',
      '1234,56',
      '0,00',
      '0,00',
      '1354,56',
      '3',
    ]);

    const comma = await client.get('/admin/reports/aging.csv?sep=comma&lang=en');
    const en = parseCsv(comma.body.slice(1), ',');
    expect(en[0]![0]).toBe('Customer');
    expect(en).toContainEqual([
      'Société Générale d’Études ; Lyon',
      'EUR',
      '0.00',
      '100.00',
      '1234.56',
      '0.00',
      '0.00',
      '1334.56',
      '2',
    ]);
    expect(en.every((r) => r.length === 9)).toBe(true);
  });

  it('odd query strings are ignored, never a server error', async () => {
    for (const path of [
      '/admin/reports/aging?page=abc&currency=%00',
      '/admin/reports/aging?page=99999&currency=zzz',
      '/admin/reports/aging/invoices?customer=not-a-uuid&bucket=%27;drop&page=-1&currency=EU',
      '/admin/reports/aging.csv?sep=%0d',
      '/admin/reports/collections?month=2026-13&currency=%3Cx%3E',
      '/admin/reports/collections',
    ]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(200);
    }
  });

  it('collections: the month’s payments behind the dashboard figure', async () => {
    const page = await client.get(
      `/admin/reports/collections?currency=EUR&month=${today.slice(0, 7)}&lang=en`,
    );
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('Net collected: €70.00');
    expect(textOf(page.body)).toContain('=Acme+1');
  });
});
