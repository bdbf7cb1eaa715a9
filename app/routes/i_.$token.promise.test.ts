import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { promises } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { createBusiness, createIssuedInvoice, createOverdueInvoice } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

const today = () => todayIn('Europe/Paris');
const promisesOf = (invoiceId: string) =>
  db().select().from(promises).where(eq(promises.invoiceId, invoiceId));

async function promisePage(token: string, lang: 'fr' | 'en' = 'fr') {
  const client = createClient(app.url);
  const page = await client.get(`/i/${token}/promise?lang=${lang}`);
  const csrf = csrfFrom(page.body);
  const post = (fields: Record<string, string>) =>
    client.postForm(`/i/${token}/promise?lang=${lang}`, { csrf, ...fields });
  return { client, page, post };
}

describe('promising a date from the debtor link', () => {
  test('the page is private, and the same 404 answers a bad token', async () => {
    const invoice = await createOverdueInvoice(5);
    const { page } = await promisePage(invoice.token);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.body).toContain('Indiquer une date de paiement');
    const bad = await createClient(app.url).get(`/i/${'x'.repeat(43)}/promise`);
    expect(bad.status).toBe(404);
  });

  test('a promise pauses reminders: the invoice page says so, and a second one is refused', async () => {
    const invoice = await createOverdueInvoice(5);
    const { client, post } = await promisePage(invoice.token);
    const date = addDaysIso(today(), 10);
    const made = await post({ promisedDate: date, amount: '', reason: 'cash_flow', note: 'Virement le 10' });
    expect(made.status).toBe(302);
    expect(made.location).toBe(`/i/${invoice.token}?lang=fr`);
    const [row] = await promisesOf(invoice.invoiceId);
    expect(row).toMatchObject({
      promisedDate: date,
      status: 'active',
      source: 'debtor',
      reason: 'cash_flow',
    });
    const page = await client.get(`/i/${invoice.token}?lang=fr`);
    expect(page.body).toContain('Paiement promis pour le');

    const again = await post({ promisedDate: addDaysIso(today(), 12) });
    expect(again.status).toBe(409);
    expect(again.body).toContain('Une date de paiement est déjà enregistrée pour cette facture.');
    expect(await promisesOf(invoice.invoiceId)).toHaveLength(1);
  });

  test.each([
    ['fr', 'hier', (): string => addDaysIso(today(), -1), 'Choisissez une date à partir d’aujourd’hui.'],
    ['en', 'too far', (): string => addDaysIso(today(), 31), 'Choose a date no later than'],
    ['fr', 'not a date', (): string => '2026-02-30', 'Saisissez une date valide (jj/mm/aaaa).'],
    ['en', 'garbage', (): string => '<script>', 'Enter a valid date (dd/mm/yyyy).'],
    ['en', 'missing', (): string => '', 'Enter a valid date (dd/mm/yyyy).'],
  ] as const)(
    'a bad date (%s, %s) answers 400 beside the field and writes nothing',
    async (lang, _name, date, message) => {
      const invoice = await createIssuedInvoice();
      const { post } = await promisePage(invoice.token, lang);
      const res = await post({ promisedDate: date(), amount: '' });
      expect(res.status).toBe(400);
      expect(res.body).toContain(message);
      // The message is the field's own: referenced by the date input.
      expect(res.body).toMatch(/id="promise-promisedDate-error"|promisedDate-error/);
      expect(await promisesOf(invoice.invoiceId)).toHaveLength(0);
    },
  );

  test('a bad amount, or more than the balance, answers 400 and writes nothing', async () => {
    const invoice = await createIssuedInvoice();
    const { post } = await promisePage(invoice.token);
    const junk = await post({ promisedDate: addDaysIso(today(), 3), amount: 'beaucoup' });
    expect(junk.status).toBe(400);
    expect(junk.body).toContain('Saisissez un montant valide');
    const more = await post({ promisedDate: addDaysIso(today(), 3), amount: '999999' });
    expect(more.status).toBe(400);
    expect(await promisesOf(invoice.invoiceId)).toHaveLength(0);
  });

  test('without the form token nothing is written', async () => {
    const invoice = await createIssuedInvoice();
    const client = createClient(app.url);
    await client.get(`/i/${invoice.token}/promise`);
    const res = await client.postForm(`/i/${invoice.token}/promise`, {
      promisedDate: addDaysIso(today(), 3),
    });
    expect(res.status).toBe(403);
    expect(await promisesOf(invoice.invoiceId)).toHaveLength(0);
  });

  test('a business that offers no promise: the form is not shown', async () => {
    const business = await createBusiness({ promiseMaxDays: 0 });
    const invoice = await createIssuedInvoice({ businessId: business.id });
    const page = await createClient(app.url).get(`/i/${invoice.token}/promise`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('name="promisedDate"');
    // And the invoice page offers no promise link.
    const invoicePage = await createClient(app.url).get(`/i/${invoice.token}`);
    expect(invoicePage.body).not.toContain(`/i/${invoice.token}/promise`);
  });
});
