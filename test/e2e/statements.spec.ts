/**
 * The customer's statement in Chromium: open it, pay three invoices at once by card (Stripe.js double, against the
 * Stripe fake), see all three paid, download the statement PDF; then the business sees the payment's allocation
 * and refunds part of it. axe on every page.
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { expect, test } from '@playwright/test';
import { users } from '#db/schema/index';
import { mintStatementLink } from '~/modules/statements/statement-links.server';
import { closeDb, db } from '~/utils/db.server';
import { createCustomer, createOverdueInvoice, type IssuedInvoice } from '../factories';
import { routeStripe } from '../fakes/stripe/playwright-routes';
import { expectNoAxeViolations } from './axe';
import { logIn } from './admin-login';
import { seedInfo } from './seed-info';

const info = seedInfo();
process.env.DATABASE_URL = info.databaseUrl;
process.env.APP_URL = info.appUrl;
test.afterAll(() => closeDb());
test.beforeEach(async ({ context }) => {
  await routeStripe(context, { url: info.stripe.apiUrl });
});

/** Intl puts (narrow) no-break spaces in French amounts. */
const amount = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]'));

test('pay three invoices at once from the statement, see them paid, download the PDF', async ({ page }) => {
  test.setTimeout(90_000);
  const [admin] = await db().select().from(users).where(eq(users.email, info.admin!.email));
  const businessId = admin!.businessId;
  const customer = await createCustomer(businessId, { name: 'Imprimerie Relevé' });
  const invoices: IssuedInvoice[] = [];
  for (const days of [45, 20, 3])
    invoices.push(await createOverdueInvoice(days, { businessId, customerId: customer.id }));
  const link = await mintStatementLink(db(), customer.id);

  await page.goto(link.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relevé de compte de Imprimerie Relevé');
  for (const invoice of invoices)
    await expect(page.getByRole('link', { name: `Voir la facture ${invoice.number}` })).toBeVisible();
  // Every overdue invoice is ticked, and the preview says where the money goes.
  for (const invoice of invoices)
    await expect(page.getByLabel(`Régler la facture ${invoice.number}`)).toBeChecked();
  await expect(page.getByText(amount(`${invoices[0]!.number} : 1 650,00 €`))).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: amount('Payer 4 950,00 €') }).click();
  await expect(page.getByText(amount('Vous réglez 4 950,00 €'))).toBeVisible();
  await page.getByLabel('Numéro de carte').fill('4242 4242 4242 4242');
  await page.getByLabel(/Date d'expiration/).fill('12 / 34');
  await page.getByLabel('Code de sécurité').fill('123');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Confirmer le paiement' }).click();

  await expect(page.getByText(amount('Paiement reçu : 4 950,00 €'))).toBeVisible();
  await expect(page.getByText('Aucune facture ouverte : votre compte est à jour. Merci !')).toBeVisible();
  const recent = page.getByRole('region', { name: 'Factures réglées ces 12 derniers mois' });
  for (const invoice of invoices)
    await expect(recent.getByRole('link', { name: invoice.number })).toBeVisible();
  await expectNoAxeViolations(page);

  // Each invoice's own page says it is paid.
  await page.goto(`${new URL(link.url).pathname}/invoice/${invoices[1]!.invoiceId}`);
  await expect(page.getByRole('heading', { name: 'Payée — merci !' })).toBeVisible();

  // The statement of account, as a PDF.
  await page.goto(link.url);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger le relevé (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^releve-\d{4}-\d{2}-\d{2}\.pdf$/);
  expect(
    readFileSync((await download.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');

  // The business sees the allocation of that payment.
  await logIn(page);
  await page.goto(`/admin/customers/${customer.id}`);
  await page.getByRole('link', { name: 'Relevé de compte, lien du relevé et paiements groupés' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relevé de Imprimerie Relevé');
  const payments = page.getByRole('region', { name: 'Paiements de plusieurs factures' });
  await expect(payments.getByText(amount('4 950,00 € · reçu'))).toBeVisible();
  for (const invoice of invoices)
    await expect(payments.getByRole('link', { name: invoice.number })).toBeVisible();
  await expectNoAxeViolations(page);

  // The customer asks for part of it back: the newest invoice is reopened. By keyboard, as anyone could.
  await payments.locator('summary', { hasText: 'Rembourser' }).focus();
  await page.keyboard.press('Enter');
  await expect(payments.getByText(amount('Au plus 4 950,00 €'))).toBeVisible();
  await expectNoAxeViolations(page);
  await payments.getByLabel('Montant à rembourser (EUR)').fill('1650');
  await payments.getByLabel('Motif (facultatif)').selectOption('requested_by_customer');
  await payments.getByLabel('Montant à rembourser (EUR)').press('Enter');
  await expect(page.getByRole('status')).toHaveText(amount('Remboursement de 1 650,00 € demandé à Stripe.*'));
  await expect(payments.getByText(amount('Remboursé en tout : 1 650,00 €'))).toBeVisible();
  // A fresh form, closed, for what is left.
  await expect(payments.getByLabel('Montant à rembourser (EUR)')).toBeHidden();
  await payments.locator('summary', { hasText: 'Rembourser' }).click();
  await expect(payments.getByLabel('Montant à rembourser (EUR)')).toHaveValue('3300,00');
  const open = page.getByRole('region', { name: 'Factures ouvertes' });
  await expect(open.getByRole('link', { name: invoices[2]!.number })).toBeVisible();
  await expect(open.getByRole('link', { name: invoices[0]!.number })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Créer un nouveau lien (révoque les autres)' }).click();
  await expect(page.getByLabel('Lien à transmettre au client')).toHaveValue(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page);
});
