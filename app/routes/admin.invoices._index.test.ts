import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createCustomer,
  createDraftInvoice,
  createIssuedInvoice,
  createPartlyPaidInvoice,
  createUser,
} from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { loginAs, textOf } from '../../test/support/admin-client';
import { customers } from '#db/schema/index';
import { eq } from 'drizzle-orm';

let app: RunningApp;
let client: HttpClient;
let businessId: string;

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId));
});
afterAll(() => app.stop());

describe('invoice list page', () => {
  it('lists the business’s invoices with balance and status, filters and searches by query string', async () => {
    const customer = await createCustomer(businessId, { name: 'Hôtel des Cèdres' });
    const draft = await createDraftInvoice({ businessId });
    const partly = await createPartlyPaidInvoice({ businessId, customerId: customer.id });
    const theirs = await createIssuedInvoice();

    const all = textOf((await client.get('/admin/invoices?lang=en')).body);
    expect(all).toContain('2 invoices');
    expect(all).toContain(partly.number);
    expect(all).toContain('Hôtel des Cèdres');
    expect(all).toContain('€990.00'); // balance: 1 650,00 less 40 %
    expect(all).toContain('Draft');
    const [other] = await db().select().from(customers).where(eq(customers.id, theirs.customerId));
    expect(all).not.toContain(other!.name);

    const open = textOf((await client.get('/admin/invoices?lang=en&status=open')).body);
    expect(open).toContain('1 invoice');
    expect(open).toContain(partly.number);

    const found = textOf(
      (await client.get(`/admin/invoices?lang=en&q=${encodeURIComponent('cèdres')}`)).body,
    );
    expect(found).toContain('1 invoice');
    expect(found).toContain(partly.number);

    const byNumber = textOf((await client.get(`/admin/invoices?lang=en&q=${partly.number.slice(-6)}`)).body);
    expect(byNumber).toContain('1 invoice');

    // Wildcards typed by the user match themselves only.
    expect(textOf((await client.get('/admin/invoices?lang=en&q=%25')).body)).toContain('0 invoices');
    expect(textOf((await client.get('/admin/invoices?lang=en&q=_')).body)).toContain('0 invoices');
    await db().update(customers).set({ name: '100% Bio' }).where(eq(customers.id, draft.customerId));
    expect(textOf((await client.get('/admin/invoices?lang=en&q=0%25')).body)).toContain('1 invoice');

    // Junk in the query string is ignored, not an error.
    expect((await client.get('/admin/invoices?status=bogus&page=-3')).status).toBe(200);
  });

  it('speaks the language of ?lang=, else of Accept-Language; /admin opens on the dashboard', async () => {
    const english = await client.get('/admin/invoices', { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(english.body).toContain('<html lang="en"');
    expect(textOf(english.body)).toContain('New invoice');
    const french = await client.get('/admin/invoices?lang=fr', { headers: { 'accept-language': 'en' } });
    expect(textOf(french.body)).toContain('Nouvelle facture');
    const index = await client.get('/admin?lang=en');
    expect(index.status).toBe(200);
    expect(textOf(index.body)).toContain('Dashboard');
  });
});
