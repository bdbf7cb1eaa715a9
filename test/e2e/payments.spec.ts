/**
 * Paying from the debtor page, in Chromium, against the Stripe fake: Stripe.js is the double (routeStripe serves
 * it for js.stripe.com and forwards api.stripe.com to the fake), the app's server calls the same fake, and the
 * fake's webhooks reach the app. Each test opens its own invoice, so tests and other spec files never share one.
 */
import { expect, test, type Page } from '@playwright/test';
import { createBusiness, createIssuedInvoice, type IssuedInvoice } from '../factories';
import { routeStripe } from '../fakes/stripe/playwright-routes';
import { closeDb } from '~/utils/db.server';
import { expectNoAxeViolations } from './axe';
import { seedInfo } from './seed-info';
import { stripeControl } from './stripe-control';

const info = seedInfo();
// The factories write to the e2e database and mint links on the e2e server's address.
process.env.DATABASE_URL = info.databaseUrl;
process.env.APP_URL = info.appUrl;
const stripe = stripeControl(info.stripe.controlUrl);

/** Intl puts (narrow) no-break spaces in French amounts. */
const amount = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]'));

test.beforeEach(async ({ context }) => {
  await routeStripe(context, { url: info.stripe.apiUrl });
});
test.afterAll(() => closeDb());

async function fillCard(
  page: Page,
  number: string,
  labels = { number: 'Numéro de carte', expiry: /Date d'expiration/, cvc: 'Code de sécurité' },
) {
  await page.getByLabel(labels.number).fill(number);
  await page.getByLabel(labels.expiry).fill('12 / 34');
  await page.getByLabel(labels.cvc).fill('123');
}

async function onlyPaymentIntent(invoice: IssuedInvoice) {
  const intents = await stripe.paymentIntents(invoice.invoiceId);
  expect(intents).toHaveLength(1);
  return intents[0]!;
}

test.describe('on a phone, in French', () => {
  test.use({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });

  test('pays the balance by card with the keyboard, and the page says it is paid', async ({ page }) => {
    const invoice = await createIssuedInvoice();
    await page.goto(invoice.url);
    await expect(page.getByRole('heading', { name: 'Payer en ligne' })).toBeVisible();
    await expectNoAxeViolations(page);

    const pay = page.getByRole('button', { name: amount('Payer 1 650,00 €') });
    await pay.focus();
    await page.keyboard.press('Enter');
    // The Payment Element takes the focus once it is ready: its first control is the choice of method.
    await expect(page.getByRole('radio', { name: 'Carte' })).toBeFocused();
    await expect(page.getByText(amount('Vous réglez 1 650,00 €'))).toBeVisible();
    await expectNoAxeViolations(page);

    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Numéro de carte')).toBeFocused();
    await page.keyboard.type('4242 4242 4242 4242');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12 / 34');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123');
    await page.keyboard.press('Enter');

    const status = page.getByRole('heading', { name: 'Payée — merci !' });
    await expect(status).toBeVisible();
    await expect(status).toBeFocused();
    await expect(page.getByRole('heading', { name: 'Comment régler' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // The amount is the server's (the invoice's balance), and the server saw the payment before any webhook.
    const intent = await onlyPaymentIntent(invoice);
    expect(intent).toMatchObject({ status: 'succeeded', amount: invoice.totalMinor, currency: 'eur' });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Payée — merci !' })).toBeVisible();
  });

  test('pays by SEPA Direct Debit: processing, then paid once the bank confirms', async ({ page }) => {
    const invoice = await createIssuedInvoice();
    await page.goto(invoice.url);
    await page.getByRole('button', { name: amount('Payer 1 650,00 €') }).click();
    await page.getByLabel('Prélèvement SEPA').check();
    await page.getByLabel('Nom complet').fill('Julie Petit');
    await page.getByLabel('E-mail').fill('julie@boulangerie-petit.fr');
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Confirmer le paiement' }).click();

    await expect(page.getByRole('heading', { name: 'Paiement en cours de traitement' })).toBeVisible();
    await expect(
      page.getByText(amount('Votre paiement de 1 650,00 € est en cours de confirmation')),
    ).toBeVisible();
    // Nothing more to pay while the debit is on its way: no second payment can start.
    await expect(page.getByRole('button', { name: /^Payer/ })).toHaveCount(0);
    await expectNoAxeViolations(page);

    const intent = await onlyPaymentIntent(invoice);
    expect(intent.status).toBe('processing');
    await stripe.settle(intent.id, 'succeeded'); // resolves once the webhook has been delivered
    // The webhook queues the event and the worker applies it a moment later: the debtor reloads until it shows.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Payée — merci !' })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 10_000 });
    await expectNoAxeViolations(page);
  });

  test('pays part of the balance when the business allows it, within its minimum', async ({ page }) => {
    const business = await createBusiness({ partialPaymentsAllowed: true, minPartialPaymentMinor: 50_00 });
    const invoice = await createIssuedInvoice({ businessId: business.id });
    await page.goto(invoice.url);
    await page.getByLabel('Un autre montant').check();
    const field = page.getByLabel('Montant (EUR)');
    await expect(field).toHaveAccessibleDescription(amount('Entre 50,00 € et 1 650,00 €.'));
    await field.fill('10');
    await page.getByRole('button', { name: amount('Payer 10,00 €') }).click();

    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(
      amount('Entre 50,00 € et 1 650,00 €. Le montant minimum est de 50,00 €.'),
    );
    await expectNoAxeViolations(page);

    await field.fill('500');
    await page.getByRole('button', { name: amount('Payer 500,00 €') }).click();
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Confirmer le paiement' }).click();

    await expect(page.getByText(amount('Merci ! Votre paiement de 500,00 € a bien été reçu.'))).toBeVisible();
    await expect(page.getByRole('button', { name: amount('Payer 1 150,00 €') })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText(/À régler dans 30 jours/);
    await expectNoAxeViolations(page);
    expect((await onlyPaymentIntent(invoice)).amount).toBe(500_00);
  });

  test('a press on "Pay" before the page’s JavaScript has started still opens the payment form', async ({
    page,
  }) => {
    const invoice = await createIssuedInvoice();
    let delayed = true;
    await page.route('**/build/**/*.js', async (route) => {
      if (delayed) await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto(invoice.url, { waitUntil: 'commit' });
    await page.getByRole('button', { name: amount('Payer 1 650,00 €') }).click();
    delayed = false;
    await fillCard(page, '4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Confirmer le paiement' }).click();
    await expect(page.getByRole('heading', { name: 'Payée — merci !' })).toBeVisible();
    expect((await onlyPaymentIntent(invoice)).status).toBe('succeeded');
  });

  test('without JavaScript, says card and debit need it and keeps the transfer details', async ({
    browser,
  }) => {
    const invoice = await createIssuedInvoice();
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(invoice.url);
    await expect(page.getByText('Le paiement par carte ou prélèvement nécessite JavaScript')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Payer/ })).toBeHidden();
    await expect(page.getByText('FR76 3000 6000 0112 3456 7890 189')).toBeVisible();
    await context.close();
  });
});

test.describe('back from a bank’s page (redirect-based methods)', () => {
  test.use({ locale: 'fr-FR' });

  /** Opens the PaymentIntent from the page, then has "the bank" confirm it behind the page's back. */
  async function confirmedElsewhere(page: Page, paymentMethod: string) {
    const invoice = await createIssuedInvoice();
    await page.goto(invoice.url);
    await page.getByRole('button', { name: /^Payer/ }).click();
    await expect(page.getByLabel('Numéro de carte')).toBeVisible();
    const { id } = await onlyPaymentIntent(invoice);
    await fetch(`${info.stripe.apiUrl}/v1/payment_intents/${id}/confirm`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_e2e', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `payment_method=${paymentMethod}&return_url=${encodeURIComponent(invoice.url)}`,
    });
    return { invoice, id };
  }

  test('the page tells the server once, cleans its address and shows the outcome', async ({ page }) => {
    const { invoice, id } = await confirmedElsewhere(page, 'pm_card_visa');
    const told: string[] = [];
    page.on('request', (r) => /intent=payment-returned/.test(r.postData() ?? '') && told.push(r.postData()!));
    await page.goto(
      `${invoice.url}?payment_intent=${id}&payment_intent_client_secret=${id}_secret_x&redirect_status=succeeded`,
    );
    await expect(page.getByRole('heading', { name: 'Payée — merci !' })).toBeVisible();
    await expect(page).toHaveURL(invoice.url);
    // The address is cleaned in the same effect that submits, but the request itself leaves a tick later; and when the
    // webhook beat the redirect the heading is already server-rendered, so wait for the request rather than assume it.
    await expect.poll(() => told.length).toBe(1);
    await page.waitForLoadState('networkidle');
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`paymentIntentId=${id}`);
  });

  test('a failed redirect says so and offers the form again', async ({ page }) => {
    const { invoice, id } = await confirmedElsewhere(page, 'pm_card_chargeDeclined');
    await page.goto(
      `${invoice.url}?payment_intent=${id}&payment_intent_client_secret=${id}_secret_x&redirect_status=failed`,
    );
    await expect(page.getByRole('alert')).toContainText('Le paiement n’a pas abouti.');
    await expect(page.getByRole('button', { name: amount('Payer 1 650,00 €') })).toBeVisible();
    await expect(page).toHaveURL(invoice.url);
    await expectNoAxeViolations(page);
  });
});

test('the production build never serves the Stripe.js double, even pointed at the fake', async ({
  request,
}) => {
  expect((await request.get('/_simulated/stripe.js')).status()).toBe(404);
});

test.describe('on a desktop, in English', () => {
  test.use({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });

  test('a declined card says so, and a second card on the same payment goes through', async ({ page }) => {
    const invoice = await createIssuedInvoice();
    await page.goto(invoice.url);
    await page.getByRole('button', { name: 'Pay €1,650.00' }).click();
    const english = { number: 'Card number', expiry: /Expiration date/, cvc: 'Security code' };
    await fillCard(page, '4000 0000 0000 0002', english);
    const confirm = page.getByRole('button', { name: 'Confirm payment' });
    await confirm.click();

    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The payment did not go through.');
    await expect(alert).toContainText('Your bank declined the payment.');
    await expect(confirm).toHaveAccessibleDescription(/Your bank declined the payment/);
    await expect(page.getByRole('heading', { name: 'Paid — thank you!' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByLabel(english.number).fill('4242 4242 4242 4242');
    await confirm.click();
    await expect(page.getByRole('heading', { name: 'Paid — thank you!' })).toBeVisible();
    await expectNoAxeViolations(page);
    expect(await onlyPaymentIntent(invoice)).toMatchObject({
      status: 'succeeded',
      amount: invoice.totalMinor,
    });
  });
});
