import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionCases, events, reminders } from '#db/schema/index';
import { demoAdmin } from '#db/seed-data';
import { seedDemo } from '#db/seed';
import { demoCollectionsCase } from '#db/seed-follow-up';
import { db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { createBusiness, createOverdueInvoice, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { fieldError } from '../../test/support/form-errors';
import { pdfText } from '../../test/support/reminders';

let app: RunningApp;
let demo: HttpClient;

beforeAll(async () => {
  app = await startApp();
  await seedDemo(db());
  demo = await loginAs(app, demoAdmin);
}, 120_000);
afterAll(() => app.stop());

async function seededCase() {
  const [row] = await db().select().from(collectionCases);
  return row!;
}

describe('the collections list', () => {
  it('needs a signed-in user', async () => {
    const response = await createClient(app.url).get('/admin/collections');
    expect(response.status).toBe(302);
  });

  it('lists the seeded hand-off with its agency, amount and case file link', async () => {
    const handed = await seededCase();
    const page = await demo.get('/admin/collections?lang=en');
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('1 case handed to an agency');
    expect(text).toContain(demoCollectionsCase.agency);
    expect(text).toContain('Librairie Voltaire');
    expect(page.body).toContain(`/admin/invoices/${handed.invoiceId}/case-file.pdf`);
  });
});

describe('the case file', () => {
  it('is one PDF with every section of the seeded case, and no private link', async () => {
    const handed = await seededCase();
    const response = await demo.get(`/admin/invoices/${handed.invoiceId}/case-file.pdf?lang=fr`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="dossier-recouvrement-/,
    );
    const text = pdfText(Buffer.from(response.bytes));
    const sent = await db().select().from(reminders).where(eq(reminders.invoiceId, handed.invoiceId));
    const number = /Facture (\d{4}-\d{6})/.exec(text)?.[1];
    expect(number).toBeTruthy();

    const sections = [
      '1. La facture',
      '2. La lettre d’acceptation signée',
      '3. Les relances envoyées',
      '4. La mise en demeure',
      '5. Les litiges',
      '6. Les promesses de paiement',
      '7. Les paiements et avoirs',
      '8. Les notes d’appel',
    ];
    // Each heading appears twice: in the contents, then as its section.
    for (const heading of sections) expect(text.split(heading).length - 1, heading).toBe(2);
    const body = text.slice(text.lastIndexOf(sections[0]!));
    const section = (i: number) =>
      body.slice(body.indexOf(sections[i]!), body.indexOf(sections[i + 1]!) >>> 0);
    expect(text).toContain(`Confiée à ${demoCollectionsCase.agency}`);
    expect(section(0)).toContain('Rayonnages chêne, 12 travées');
    expect(section(1)).toMatch(/Signée le .* par Maître Laurent Girard/);
    expect(section(1)).toContain('SHA-256');
    // Every reminder sent, with its channel: the default ladder from -3 to +60 days.
    expect(sent.filter((r) => r.status === 'sent')).toHaveLength(7);
    for (const channel of ['e-mail', 'appel téléphonique', 'e-mail avec lettre de mise en demeure'])
      expect(section(2)).toContain(channel);
    expect(section(2)).toContain('Mise en demeure de payer');
    expect(section(3)).toContain('Par la présente, nous vous mettons en demeure');
    expect(section(4)).toContain(demoCollectionsCase.dispute);
    expect(section(4)).toContain(demoCollectionsCase.rejection.slice(0, 60));
    expect(section(5)).toContain(demoCollectionsCase.promiseNote);
    expect(section(5)).toContain('non tenue');
    expect(section(6)).toContain('VIR PARTIEL');
    expect(section(6)).toContain('500,00');
    expect(body.slice(body.indexOf(sections[7]!))).toContain(demoCollectionsCase.callNotes.slice(0, 40));
    expect(text).not.toContain('Rien à signaler');
    expect(text).not.toMatch(/\/i\/[A-Za-z0-9_-]{20,}/);
  });

  it('is a 404 for an unknown or another business’s invoice', async () => {
    const other = await createOverdueInvoice(70);
    expect((await demo.get(`/admin/invoices/${other.invoiceId}/case-file.pdf`)).status).toBe(404);
    expect((await demo.get('/admin/invoices/nope/case-file.pdf')).status).toBe(404);
  });
});

describe('handing an invoice over through the form', () => {
  it('answers bad input with messages beside the fields and writes nothing, then hands it over once', async () => {
    const business = await createBusiness();
    const user = await createUser(business.id);
    const client = await loginAs(app, user);
    const invoice = await createOverdueInvoice(75, { businessId: business.id });
    const path = `/admin/invoices/${invoice.invoiceId}/collections?lang=en`;
    const csrf = await csrfOf(client, path);
    const today = todayIn('Europe/Paris');

    const bad = await client.postForm(path, {
      csrf,
      agencyName: '  ',
      handedOn: addDaysIso(today, 1),
      amount: '-3',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.body, 'agencyName')).toBe('Enter the agency’s name.');
    expect(fieldError(bad.body, 'handedOn')).toBe('The date cannot be in the future.');
    expect(fieldError(bad.body, 'amount')).toContain('Enter an amount above zero');
    const tooMuch = await client.postForm(path, { csrf, agencyName: 'X', handedOn: today, amount: '99999' });
    expect(tooMuch.status).toBe(400);
    // The balance (1 650,00 €), the 40 € indemnity and 75 days of interest.
    const max = /^At most €([\d,]+\.\d\d) \(balance and penalties\)\.$/.exec(
      fieldError(tooMuch.body, 'amount') ?? '',
    );
    expect(Number(max?.[1]?.replace(',', ''))).toBeGreaterThan(1690);
    expect(
      await db().select().from(collectionCases).where(eq(collectionCases.invoiceId, invoice.invoiceId)),
    ).toEqual([]);

    const form = {
      csrf,
      agencyName: 'Créances Services',
      handedOn: today,
      amount: '1650.00',
      note: 'Dossier complet',
    };
    const ok = await client.postForm(path, form);
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/admin/invoices/${invoice.invoiceId}?lang=en`);
    const again = await client.postForm(path, form);
    expect(again.status).toBe(302);
    const rows = await db()
      .select()
      .from(collectionCases)
      .where(eq(collectionCases.invoiceId, invoice.invoiceId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      agencyName: 'Créances Services',
      amountMinor: 165_000,
      handedBy: user.id,
    });
    const logged = await db().select().from(events).where(eq(events.invoiceId, invoice.invoiceId));
    expect(logged.filter((e) => e.type === 'invoice.handed_to_agency')).toHaveLength(1);

    const page = textOf((await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`)).body);
    expect(page).toContain('Handed to Créances Services on');
    expect(page).toContain('Reminders are stopped.');
    expect(page).toContain('Handed to a collection agency');
  });

  it('refuses a post without the CSRF token', async () => {
    const business = await createBusiness();
    const client = await loginAs(app, await createUser(business.id));
    const invoice = await createOverdueInvoice(75, { businessId: business.id });
    const response = await client.postForm(`/admin/invoices/${invoice.invoiceId}/collections`, {
      agencyName: 'X',
      handedOn: '2026-01-01',
      amount: '10',
    });
    expect(response.status).toBe(403);
  });
});
