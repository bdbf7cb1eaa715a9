/**
 * Installment plans and promises to pay (issue 6), in Chromium against the Stripe fake (Stripe.js is the double).
 * Each test makes its own invoice with the factories; the promise test uses the seeded business so that its admin
 * can see the promise.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '#db/schema/index';
import { closeDb, db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { formatDate } from '~/utils/i18n';
import { partDates } from '~/modules/plans/schedule';
import { createBusiness, createOverdueInvoice } from '../factories';
import { routeStripe } from '../fakes/stripe/playwright-routes';
import { OFFERS } from '../support/plans';
import { expectNoAxeViolations } from './axe';
import { seedInfo } from './seed-info';

const info = seedInfo();
process.env.DATABASE_URL = info.databaseUrl;
process.env.APP_URL = info.appUrl;

/** Intl puts (narrow) no-break spaces in French amounts. */
const amount = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]'));
const SHOTS = process.env.SCREENSHOTS_DIR;
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

test.beforeEach(async ({ context }) => {
  await routeStripe(context, { url: info.stripe.apiUrl });
});
test.afterAll(() => closeDb());

test.describe('installment plan, on a phone, in French', () => {
  test.use({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });

  test('chooses the 3-part plan, pays the first part, and sees the schedule', async ({ page }) => {
    const business = await createBusiness({ installmentOffers: OFFERS });
    const invoice = await createOverdueInvoice(12, { businessId: business.id });
    const today = todayIn('Europe/Paris');
    await page.goto(invoice.url);
    await page.getByRole('link', { name: 'Payer en plusieurs fois' }).click();

    await expect(page.getByRole('heading', { name: 'Payer en plusieurs fois', level: 1 })).toBeVisible();
    const x3 = page.getByRole('region', { name: '3 fois — une échéance par mois', exact: true });
    await expect(x3.getByRole('cell', { name: amount('550,00 €') })).toHaveCount(3);
    await expect(x3.getByRole('cell', { name: `${formatDate(today, 'fr')} (aujourd’hui)` })).toBeVisible();
    await expect(
      page.getByRole('region', { name: /30 \/ 30 \/ 40/ }).getByRole('cell', { name: amount('660,00 €') }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'plan-chooser-phone');

    await x3
      .getByRole('button', { name: amount('Choisir cet échéancier et payer 550,00 € maintenant') })
      .click();
    await expect(x3.getByText(amount('Vous réglez 550,00 €'))).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Carte' })).toBeFocused();
    await page.getByLabel('Numéro de carte').fill('4242 4242 4242 4242');
    await page.getByLabel(/Date d'expiration/).fill('12 / 34');
    await page.getByLabel('Code de sécurité').fill('123');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Confirmer le paiement' }).click();

    // Read back by the server: the plan is active, its schedule shows what is paid and what comes next.
    await expect(page.getByRole('heading', { name: 'Votre échéancier' })).toBeVisible();
    await expect(page.getByText('1 sur 3 échéances réglées.')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Réglée' })).toHaveCount(1);
    await expect(page.getByRole('cell', { name: 'À venir' })).toHaveCount(2);
    const next = partDates(today, { parts: 2, interval: 'monthly' }, 'Europe/Paris')[1]!;
    await expect(
      page.getByText(amount(`Prochaine échéance : 550,00 € le ${formatDate(next, 'fr')}`)),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: amount('Régler le solde maintenant \\(1 100,00 €\\)') }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'plan-active-phone');

    // The invoice page: "on a plan", and a compact summary with the way to the schedule.
    await page.getByRole('link', { name: /Retour à la facture/ }).click();
    await expect(page.getByRole('heading', { name: 'Échéancier en cours' })).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Échéancier : 1 sur 3 échéances réglées.' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Voir mon échéancier et régler le solde' })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'invoice-during-plan-phone');
  });
});

test.describe('installment plan chooser on a laptop, in English', () => {
  test.use({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });

  test('shows each offer with its exact schedule', async ({ page }) => {
    const business = await createBusiness({ installmentOffers: OFFERS });
    const invoice = await createOverdueInvoice(3, { businessId: business.id });
    await page.goto(`${invoice.url}/plan?lang=en`);
    await expect(page.getByRole('heading', { name: 'Pay in installments', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: '2 parts — one every two weeks' })).toBeVisible();
    await expectNoAxeViolations(page);
    await shot(page, 'plan-chooser-desktop');
  });
});

test.describe('promise to pay', () => {
  test.use({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });

  test('makes a promise, sees it on the page and in the admin area', async ({ page }) => {
    const [owner] = await db().select().from(users).where(eq(users.email, info.admin!.email));
    const invoice = await createOverdueInvoice(6, { businessId: owner!.businessId });
    const today = todayIn('Europe/Paris');
    const date = addDaysIso(today, 9);

    await page.goto(invoice.url);
    await page.getByRole('link', { name: 'Indiquer une date de paiement' }).click();
    await expect(
      page.getByRole('heading', { name: 'Indiquer une date de paiement', level: 1 }),
    ).toBeVisible();
    await expectNoAxeViolations(page);

    // A date too far is refused beside the field, in French.
    await page.getByLabel('Je paierai le').fill(addDaysIso(today, 45));
    await page.getByRole('button', { name: 'Confirmer ma date' }).click();
    await expect(page.getByText(/Choisissez une date au plus tard le/)).toBeVisible();
    await expect(page.getByLabel('Je paierai le')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await shot(page, 'promise-error-phone');

    await page.getByLabel('Je paierai le').fill(date);
    await page.getByLabel('Pourquoi ce délai ? (facultatif)').selectOption('awaiting_approval');
    await page.getByRole('button', { name: 'Confirmer ma date' }).click();
    await expect(
      page.getByRole('heading', { name: `Paiement promis pour le ${formatDate(date, 'fr')}` }),
    ).toBeVisible();
    await expectNoAxeViolations(page);

    // The admin sees it in "Plans and promises".
    await page.goto('/admin/login');
    await page.getByLabel('Adresse e-mail').fill(info.admin!.email);
    await page.getByLabel('Mot de passe').fill(info.admin!.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page).toHaveURL(/\/admin\/invoices/);
    await page.getByRole('link', { name: 'Échéanciers' }).click();
    await expect(page.getByRole('heading', { name: 'Échéanciers et promesses', level: 1 })).toBeVisible();
    const row = page
      .getByRole('row')
      .filter({ hasText: invoice.number })
      .filter({ hasText: formatDate(date, 'fr') });
    await expect(row).toContainText('En cours');
    await expect(row).toContainText('Par le client (lien)');
    await expectNoAxeViolations(page);
    await shot(page, 'admin-plans');

    // And the invoice's page has the way to record a promise made on the phone.
    await page.goto(`/admin/invoices/${invoice.invoiceId}/promise`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(invoice.number);
    await expectNoAxeViolations(page);
  });
});
