import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from '@playwright/test';
import type Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stripeClientFor } from './client';
import { routeStripe } from './playwright-routes';
import { startStripeFake, type StripeFake } from './server';

const CHROMIUM = '/usr/bin/chromium';
const NONCE = 'dGVzdC1ub25jZQ';

/** A checkout page like the debtor page: Stripe's real URLs, a strict CSP, the Payment Element, one button. */
function checkoutPage(clientSecret: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Payer la facture</title>
<script nonce="${NONCE}">window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));</script>
<script src="https://js.stripe.com/v3/"></script></head>
<body><main><h1>Payer la facture</h1>
<form id="pay"><div id="payment-element"></div><button type="submit">Payer</button></form>
<p id="result" role="status"></p>
<script nonce="${NONCE}">
  const stripe = Stripe('pk_test_checkout');
  const elements = stripe.elements({ clientSecret: ${JSON.stringify(clientSecret)}, locale: 'fr' });
  const element = elements.create('payment', { defaultValues: { billingDetails: { name: 'Jeanne Martin', email: 'jeanne@example.com' } } });
  element.on('ready', () => { document.body.dataset.ready = 'true'; });
  element.mount('#payment-element');
  document.getElementById('pay').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = await stripe.confirmPayment({ elements, redirect: 'if_required', confirmParams: { return_url: location.href } });
    document.getElementById('result').textContent = result.error ? 'error:' + (result.error.code || result.error.type) : 'status:' + result.paymentIntent.status;
  });
</script></main></body></html>`;
}

const CSP = [
  "default-src 'self'",
  `script-src 'self' 'nonce-${NONCE}' https://js.stripe.com`,
  `style-src 'self' 'nonce-${NONCE}'`,
  "connect-src 'self' https://api.stripe.com",
  "frame-src 'self' https://js.stripe.com",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

// Chromium is a required test dependency (CI installs it): a missing browser fails here rather than skipping.
describe('the Stripe.js double in Chromium', () => {
  it('needs Chromium installed', () => expect(existsSync(CHROMIUM)).toBe(true));

  let fake: StripeFake;
  let stripe: Stripe;
  let browser: Browser;
  let site: Server;
  let siteUrl: string;
  let page: Page;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    fake = await startStripeFake();
    stripe = stripeClientFor(fake);
    site = createServer((req, res) => {
      const secret = secrets.get(new URL(req.url ?? '/', 'http://site').searchParams.get('pi') ?? '');
      if (!secret) return void res.writeHead(404).end();
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP })
        .end(checkoutPage(secret));
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await fake?.stop();
  });
  beforeEach(async () => {
    fake.reset();
    const context = await browser.newContext({ locale: 'fr-FR' });
    await routeStripe(context, fake);
    page = await context.newPage();
    return () => context.close();
  });

  async function openCheckout(params: Partial<Stripe.PaymentIntentCreateParams> = {}) {
    const pi = await stripe.paymentIntents.create({ amount: 12_000, currency: 'eur', ...params });
    secrets.set(pi.id, pi.client_secret!);
    await page.goto(`${siteUrl}/?pi=${pi.id}`);
    await page.locator('body[data-ready="true"]').waitFor();
    return pi;
  }

  async function fillCard(number: string) {
    await page.getByLabel('Numéro de carte').fill(number);
    await page.getByLabel("Date d'expiration (MM / AA)").fill('12 / 34');
    await page.getByLabel('Code de sécurité').fill('123');
  }

  const result = () => page.getByRole('status');

  it('pays by card, inside the page, under a strict CSP', async () => {
    const pi = await openCheckout();
    expect(await page.locator('iframe').count()).toBe(0);
    await expect.poll(() => page.getByRole('radio').count()).toBe(2);
    await fillCard('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Payer' }).click();
    await expect.poll(() => result().textContent()).toBe('status:succeeded');
    expect(fake.state.paymentIntents.get(pi.id)?.status).toBe('succeeded');
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
  });

  it('reports a declined card as Stripe.js does', async () => {
    await openCheckout();
    await fillCard('4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Payer' }).click();
    await expect.poll(() => result().textContent()).toBe('error:card_declined');
  });

  it('runs 3D Secure as a dialog the customer completes', async () => {
    const pi = await openCheckout();
    await fillCard('4000 0027 6000 3184');
    await page.getByRole('button', { name: 'Payer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Authentification 3D Secure (simulée)' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: "Valider l'authentification" }).click();
    await expect.poll(() => result().textContent()).toBe('status:succeeded');
    expect(fake.events.map((e) => e.type)).toContain('payment_intent.requires_action');
    expect(fake.state.paymentIntents.get(pi.id)?.status).toBe('succeeded');
  });

  it('takes a SEPA debit chosen with the keyboard, which stays processing', async () => {
    const pi = await openCheckout();
    await page.getByRole('radio', { name: 'Carte' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('radio', { name: 'Prélèvement SEPA' }).isChecked()).toBe(true);
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
    await page.getByRole('button', { name: 'Payer' }).click();
    await expect.poll(() => result().textContent()).toBe('status:processing');
    fake.settle(pi.id, 'succeeded');
    expect(fake.state.paymentIntents.get(pi.id)?.status).toBe('succeeded');
  });

  it('validates empty fields with accessible errors, and passes axe', async () => {
    await openCheckout();
    await page.getByRole('button', { name: 'Payer' }).click();
    await expect.poll(() => result().textContent()).toBe('error:incomplete_number');
    const number = page.getByLabel('Numéro de carte');
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.getByText('Le numéro de carte est incomplet.').isVisible()).toBe(true);
    expect(await number.evaluate((el) => el === document.activeElement)).toBe(true);
    const { violations } = await new AxeBuilder({ page })
      .include('#payment-element')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(violations.map((v) => v.id)).toEqual([]);
  });
});
