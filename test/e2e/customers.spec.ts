/**
 * Customers and collections in Chromium, each page checked with axe: create a customer and edit it by keyboard,
 * add a contact, read the seeded chronic late payer's record (which suggests stricter terms), then hand a fresh
 * overdue invoice to an agency and find it in the collections list with its case file.
 */
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '#db/schema/index';
import { closeDb, db } from '~/utils/db.server';
import { createOverdueInvoice } from '../factories';
import { expectNoAxeViolations } from './axe';
import { logIn } from './admin-login';
import { seedInfo } from './seed-info';

const info = seedInfo();
process.env.DATABASE_URL = info.databaseUrl;
process.env.APP_URL = info.appUrl;
test.afterAll(() => closeDb());

/** Types into the focused field, then moves on with Tab, as someone filling the form by keyboard would. */
async function typeAndTab(page: Page, text: string) {
  if (text) await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

test('create and edit a customer by keyboard, add a contact, read its page', async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  await nav.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('link', { name: 'Nouveau client' }).click();
  await expect(page.getByRole('heading', { name: 'Nouveau client', level: 1 })).toBeVisible();

  // A bad SIREN is refused beside its field, nothing is created.
  await page.getByLabel('Nom d’usage').focus();
  await typeAndTab(page, 'Fromagerie Dubois');
  await typeAndTab(page, 'Fromagerie Dubois SAS');
  await typeAndTab(page, '1234');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Un SIREN compte 9 chiffres.')).toBeVisible();
  await expect(page.getByLabel('SIREN (facultatif)')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  await page.getByLabel('SIREN (facultatif)').fill('');
  await page.getByLabel('SIREN (facultatif)').focus();
  await typeAndTab(page, '552 100 554');
  await typeAndTab(page, 'FR 12 552100554');
  await typeAndTab(page, '8 rue Mercière');
  await typeAndTab(page, '');
  await typeAndTab(page, '69002');
  await typeAndTab(page, 'Lyon');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Fromagerie Dubois', level: 1 })).toBeVisible();
  await expect(page.getByText('Aucune facture réglée pour l’instant.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Modifier l’identité et les conditions' }).click();
  await page.getByLabel('Délai de paiement, en jours (facultatif)').focus();
  await page.keyboard.type('45');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Client enregistré.' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Fromagerie Dubois' }).first().click();
  await expect(page.getByText('Délai de paiement : 45 jours')).toBeVisible();

  await page.getByRole('link', { name: 'Gérer les contacts' }).click();
  await expect(page.getByText('Chef de projet : aucun e-mail automatique')).toBeVisible();
  const add = page.getByRole('region', { name: 'Ajouter un contact' });
  await add.getByLabel('Nom').fill('Anne Dubois');
  await add.getByLabel('Adresse e-mail').fill('anne@fromagerie.test');
  await add.getByLabel('Facturation').check();
  await add.getByLabel('Chef de projet').check();
  await add.getByRole('button', { name: 'Ajouter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contact ajouté.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Contact : Anne Dubois' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The seeded chronic late payer: its record calls for stricter terms.
  await nav.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('link', { name: 'Librairie Voltaire' }).click();
  await expect(page.getByRole('heading', { name: 'Librairie Voltaire', level: 1 })).toBeVisible();
  await expect(page.getByText('Cet historique appelle des conditions plus strictes')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('hand an overdue invoice to an agency, then find it in collections with its case file', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const [admin] = await db().select().from(users).where(eq(users.email, info.admin!.email));
  const invoice = await createOverdueInvoice(70, { businessId: admin!.businessId });
  await logIn(page);
  await page.goto(`/admin/invoices/${invoice.invoiceId}`);
  const card = page.getByRole('region', { name: 'Recouvrement' });
  await card.getByRole('link', { name: 'Confier à une agence' }).click();
  await expect(
    page.getByRole('heading', { name: `Confier la facture ${invoice.number} à une agence` }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Agence de recouvrement').focus();
  await page.keyboard.type('Créances Lyonnaises');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/admin/invoices/${invoice.invoiceId}$`));
  await expect(
    page.getByText(/Confiée à Créances Lyonnaises le .* Les relances sont arrêtées\./),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Recouvrement' })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Dossiers confiés au recouvrement', level: 1 }),
  ).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: invoice.number });
  await expect(row).toContainText('Créances Lyonnaises');
  await expectNoAxeViolations(page);

  const link = row.getByRole('link', { name: `Dossier PDF de la facture ${invoice.number}` });
  const pdf = await page.request.get((await link.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The agency has it now: its collections task is done, and the views of the task list still read well.
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Tâches' })
    .click();
  await page
    .getByRole('link', { name: /^En retard/ })
    .first()
    .click();
  await expect(page).toHaveURL(/view=overdue/);
  await expect(page.getByRole('link', { name: /^En retard/ }).first()).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expectNoAxeViolations(page);
});
