/**
 * Mentions French law asks of an invoice (CGI art. 242 nonies A) that depend on the sale, entered on the
 * new-invoice form: the date of delivery or service when it is not the issue date, and why no VAT is charged.
 *
 * An invoice that charges no VAT says why: the mention is
 * chosen on the new-invoice form (the business's default preselected), refused on a taxed invoice and, for reverse
 * charge and intra-EU goods, without the buyer's VAT number; it is kept on the invoice and shown under the totals
 * on the customer's page and in the PDF, in French and in English.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { business, creditNotes, invoices } from '#db/schema/index';
import { addDaysIso, todayIn } from '~/utils/dates';
import { formatDate } from '~/utils/i18n';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createCustomer,
  createIssuedInvoice,
  createUser,
  readInvoice,
} from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { pdfText } from '../../test/support/reminders';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
const today = todayIn('Europe/Paris');

const FRANCHISE_FR = 'TVA non applicable, art. 293 B du CGI';
const FRANCHISE_EN = 'VAT not applicable, art. 293 B of the French General Tax Code (CGI)';

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId));
  csrf = await csrfOf(client, '/admin/invoices/new');
});
afterAll(() => app.stop());

function form(customerId: string, vatExemption: string, taxRates: string[] = ['0']): [string, string][] {
  const pairs: [string, string][] = [
    ['csrf', csrf],
    ['customerId', customerId],
    ['currency', 'EUR'],
    ['issueDate', today],
    ['dueDate', addDaysIso(today, 30)],
    ['vatExemption', vatExemption],
  ];
  taxRates.forEach((rate, i) => {
    pairs.push(
      [`lines[${i}].description`, `Prestation ${i + 1}`],
      [`lines[${i}].quantity`, '1'],
      [`lines[${i}].unitPrice`, '500'],
      [`lines[${i}].taxRate`, rate],
    );
  });
  return pairs;
}

const invoiceCount = async () =>
  (await db().execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM invoices`))[0]!.n;

/** The message conform put beside a field (the list its aria-describedby names), or null. */
function beside(html: string, tag: 'select' | 'input', name: string): string | null {
  const control = new RegExp(`<${tag}\\b[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  if (!control || !/aria-invalid="true"/.test(control)) return null;
  for (const id of /aria-describedby="([^"]+)"/.exec(control)?.[1]?.split(' ') ?? []) {
    const block = new RegExp(`<ul id="${id}"[^>]*>([\\s\\S]*?)</ul>`).exec(html)?.[1];
    if (block) return textOf(block).trim();
  }
  return null;
}

/** The value of the option rendered selected in the named select, or null (the browser then shows the first). */
function selected(html: string, name: string): string | null {
  const escaped = name.replace(/[.[\]]/g, '\\$&');
  const options = new RegExp(`<select\\b[^>]*\\bname="${escaped}"[^>]*>([\\s\\S]*?)</select>`).exec(
    html,
  )?.[1];
  if (options === undefined) throw new Error(`no select named ${name}`);
  return /<option value="([^"]*)" selected=""/.exec(options)?.[1] ?? null;
}

describe('the VAT mention on a new invoice', () => {
  it('is kept on an untaxed invoice and printed under the totals on the customer’s page and in the PDF', async () => {
    const customer = await createCustomer(businessId);
    const created = await client.postForm('/admin/invoices/new?lang=en', form(customer.id, 'franchise'));
    expect(created.status, textOf(created.body).slice(0, 400)).toBe(302);
    const id = /\/admin\/invoices\/([0-9a-f-]{36})/.exec(created.location ?? '')![1]!;
    expect(await readInvoice(id)).toMatchObject({
      vatExemption: 'franchise',
      taxMinor: 0,
      totalMinor: 50_000,
    });

    const issued = await client.postForm(`/admin/invoices/${id}?lang=en`, { csrf, intent: 'issue' });
    expect(issued.status).toBe(200);
    const link = new URL(/http:\/\/127\.0\.0\.1:\d+\/i\/[A-Za-z0-9_-]{43}/.exec(issued.body)![0]).pathname;
    expect(textOf((await client.get(`/admin/invoices/${id}?lang=en`)).body)).toContain(FRANCHISE_EN);

    const debtor = createClient(app.url);
    const fr = await debtor.get(link, { headers: { 'accept-language': 'fr-FR' } });
    expect(fr.status).toBe(200);
    expect(textOf(fr.body)).toContain(FRANCHISE_FR);
    const en = await debtor.get(`${link}?lang=en`);
    expect(textOf(en.body)).toContain(FRANCHISE_EN);
    expect(textOf(en.body)).not.toContain(FRANCHISE_FR);

    const pdf = await debtor.get(`${link}/pdf?lang=fr`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdfText(pdf.bytes)).toContain(FRANCHISE_FR);

    // Voided, its credit note carries the same mention.
    const voided = await client.postForm(`/admin/invoices/${id}?lang=en`, {
      csrf,
      intent: 'void',
      reason: 'Commande annulée',
    });
    expect(voided.status).toBe(200);
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, id));
    const notePdf = await client.get(`/admin/credit-notes/${note!.id}/pdf?lang=fr`);
    expect(notePdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdfText(notePdf.bytes)).toContain(FRANCHISE_FR);
  });

  it('is absent from an invoice that charges VAT', async () => {
    const { token } = await createIssuedInvoice({ businessId });
    const page = await createClient(app.url).get(`/i/${token}`, { headers: { 'accept-language': 'fr' } });
    expect(page.status).toBe(200);
    expect(textOf(page.body)).not.toMatch(/art\. 293 B|Autoliquidation|Exonération de TVA/);
  });

  it('is refused on an invoice with a taxed line: 400 beside the field, no invoice', async () => {
    const customer = await createCustomer(businessId);
    const before = await invoiceCount();
    for (const [lang, message] of [
      ['en', 'A VAT-exempt invoice cannot charge VAT: set every line’s VAT rate to 0%.'],
      [
        'fr',
        'Une facture exonérée de TVA ne peut pas en facturer : mettez le taux de TVA de chaque ligne à 0 %.',
      ],
    ] as const) {
      const res = await client.postForm(
        `/admin/invoices/new?lang=${lang}`,
        form(customer.id, 'export', ['0', '20']),
      );
      expect(res.status).toBe(400);
      expect(beside(res.body, 'select', 'vatExemption')).toBe(message);
    }
    expect(await invoiceCount()).toBe(before);
  });

  it('needs the buyer’s VAT number for reverse charge and intra-EU goods', async () => {
    const noVat = await createCustomer(businessId, { vatNumber: null });
    const before = await invoiceCount();
    for (const exemption of ['reverse_charge', 'intra_eu_goods']) {
      const res = await client.postForm('/admin/invoices/new?lang=en', form(noVat.id, exemption));
      expect(res.status, exemption).toBe(400);
      expect(beside(res.body, 'select', 'vatExemption'), exemption).toBe(
        'This mention needs the customer’s EU VAT number: add it to their record.',
      );
    }
    // Export and the franchise need no buyer VAT number.
    expect((await client.postForm('/admin/invoices/new', form(noVat.id, 'export'))).status).toBe(302);
    expect(await invoiceCount()).toBe(before + 1);

    const withVat = await createCustomer(businessId, { vatNumber: 'DE123456789' });
    const res = await client.postForm('/admin/invoices/new', form(withVat.id, 'reverse_charge'));
    expect(res.status).toBe(302);
    const id = /\/admin\/invoices\/([0-9a-f-]{36})/.exec(res.location ?? '')![1]!;
    expect((await readInvoice(id)).vatExemption).toBe('reverse_charge');
  });

  it('cannot sit on a taxed invoice even when written directly (a check constraint)', async () => {
    const { invoiceId } = await createIssuedInvoice({ businessId });
    expect((await readInvoice(invoiceId)).taxMinor).toBeGreaterThan(0);
    const refused = await db()
      .update(invoices)
      .set({ vatExemption: 'franchise' })
      .where(eq(invoices.id, invoiceId))
      .then(
        () => null,
        (error: { cause?: { constraint_name?: string } }) => error,
      );
    expect(refused?.cause?.constraint_name).toBe('invoices_exempt_untaxed');
    expect((await readInvoice(invoiceId)).vatExemption).toBeNull();
  });

  it('starts from the business’s default, with lines at 0 %', async () => {
    const plain = await client.get('/admin/invoices/new?lang=en');
    // No mention chosen: the first choice, "VAT charged", is what the browser shows.
    expect(plain.body).toContain('<option value="">VAT charged as the lines say</option>');
    expect(selected(plain.body, 'vatExemption')).toBeNull();
    expect(selected(plain.body, 'lines[0].taxRate')).toBe('20');

    await db().update(business).set({ defaultVatExemption: 'franchise' }).where(eq(business.id, businessId));
    try {
      const page = await client.get('/admin/invoices/new?lang=en');
      expect(selected(page.body, 'vatExemption')).toBe('franchise');
      expect(selected(page.body, 'lines[0].taxRate')).toBe('0');
    } finally {
      await db().update(business).set({ defaultVatExemption: null }).where(eq(business.id, businessId));
    }
  });
});

describe('the delivery or service date', () => {
  it('is printed on the page and the PDF when it differs from the issue date', async () => {
    const customer = await createCustomer(businessId);
    const delivered = addDaysIso(today, -12);
    const pairs = form(customer.id, '', ['20']);
    pairs.push(['deliveryDate', delivered]);
    const created = await client.postForm('/admin/invoices/new?lang=en', pairs);
    expect(created.status, textOf(created.body).slice(0, 400)).toBe(302);
    const id = /\/admin\/invoices\/([0-9a-f-]{36})/.exec(created.location ?? '')![1]!;
    expect((await readInvoice(id)).deliveryDate).toBe(delivered);

    const issued = await client.postForm(`/admin/invoices/${id}?lang=en`, { csrf, intent: 'issue' });
    const link = new URL(/http:\/\/127\.0\.0\.1:\d+\/i\/[A-Za-z0-9_-]{43}/.exec(issued.body)![0]).pathname;
    const shown = formatDate(delivered, 'fr');
    const debtor = createClient(app.url);
    const page = textOf((await debtor.get(link, { headers: { 'accept-language': 'fr' } })).body);
    expect(page).toMatch(new RegExp(`Date de livraison ou d’exécution\\s*${shown}`));
    expect(textOf((await debtor.get(`${link}?lang=en`)).body)).toMatch(
      new RegExp(`Delivery or service date\\s*${formatDate(delivered, 'en')}`),
    );
    expect(pdfText((await debtor.get(`${link}/pdf?lang=fr`)).bytes)).toMatch(
      new RegExp(`Livraison / exécution\\s+${shown}`),
    );
  });

  it('on the issue date, is not kept and not printed; a bad one is refused beside the field', async () => {
    const customer = await createCustomer(businessId);
    const same = form(customer.id, '', ['20']);
    same.push(['deliveryDate', today]);
    const created = await client.postForm('/admin/invoices/new', same);
    expect(created.status).toBe(302);
    const id = /\/admin\/invoices\/([0-9a-f-]{36})/.exec(created.location ?? '')![1]!;
    expect((await readInvoice(id)).deliveryDate).toBeNull();
    expect(textOf((await client.get(`/admin/invoices/${id}?lang=en`)).body)).not.toContain(
      'Delivery or service',
    );

    const before = await invoiceCount();
    const bad = form(customer.id, '', ['20']);
    bad.push(['deliveryDate', '2026-02-30']);
    const refused = await client.postForm('/admin/invoices/new?lang=en', bad);
    expect(refused.status).toBe(400);
    expect(beside(refused.body, 'input', 'deliveryDate')).toBe('Enter a valid date (YYYY-MM-DD).');
    expect(await invoiceCount()).toBe(before);
  });
});
