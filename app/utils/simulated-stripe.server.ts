import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { env as readEnv, isSimulatedPayments, type Env } from './env.server';

export const STRIPE_JS = 'https://js.stripe.com/v3/';
export const SIMULATED_STRIPE_JS = '/_simulated/stripe.js';

/** Simulated payments in development: the browser gets the Stripe.js double, which talks to the local fake. */
export function simulatedStripeApi(env: Env = readEnv()): string | null {
  if (env.NODE_ENV === 'production' || !isSimulatedPayments(env) || !env.STRIPE_API_BASE) return null;
  return new URL(env.STRIPE_API_BASE).origin;
}

/** Where the debtor page loads Stripe.js from: Stripe, except in simulated development. */
export function stripeJsUrl(env: Env = readEnv()): string {
  return simulatedStripeApi(env) ? SIMULATED_STRIPE_JS : STRIPE_JS;
}

/**
 * The Stripe.js double (test/fakes/stripe/stripe-js-double.js), told where the fake listens. Null outside
 * simulated development, and in any checkout without the test folder: production never serves it.
 */
export async function simulatedStripeJs(env: Env = readEnv()): Promise<string | null> {
  const api = simulatedStripeApi(env);
  if (!api) return null;
  const source = await readFile(path.resolve('test/fakes/stripe/stripe-js-double.js'), 'utf8').catch(
    () => null,
  );
  if (source === null) return null;
  const options = `window.__STRIPE_DOUBLE_OPTIONS__ = Object.assign({}, window.__STRIPE_DOUBLE_OPTIONS__, { apiBase: ${JSON.stringify(api)} });`;
  // The double renders plain markup: give it a look close to Stripe's, with the script's nonce (strict CSP).
  const style = `(function () {
  var style = document.createElement('style');
  style.nonce = (document.currentScript && document.currentScript.nonce) || '';
  style.textContent = ${JSON.stringify(DOUBLE_CSS)};
  document.head.append(style);
})();`;
  return `${options}\n${style}\n${source}`;
}

const DOUBLE_CSS = `
.stripe-double { display: grid; gap: 1rem; font-size: 0.875rem; color: #1e293b; }
.stripe-double__methods { display: flex; flex-wrap: wrap; gap: 0.5rem; border: 0; margin: 0; padding: 0; }
.stripe-double__methods legend { margin-bottom: 0.5rem; font-weight: 500; }
.stripe-double__method { display: flex; align-items: center; gap: 0.5rem; border: 1px solid #cbd5e1; border-radius: 0.5rem;
  background: #fff; padding: 0.5rem 0.75rem; }
.stripe-double__method:has(input:checked) { border-color: #185a4b; box-shadow: 0 0 0 1px #185a4b; }
.stripe-double__method input { accent-color: #185a4b; }
.stripe-double__panel:not([hidden]) { display: grid; gap: 0.75rem; }
.stripe-double__label { margin-bottom: 0.25rem; font-weight: 500; }
.stripe-double__input { width: 100%; border: 1px solid #94a3b8; border-radius: 0.5rem; background: #fff; padding: 0.625rem 0.75rem;
  font-size: 1rem; }
.stripe-double__input[aria-invalid='true'] { border-color: #b91c1c; }
.stripe-double__error { margin-top: 0.25rem; color: #b91c1c; font-weight: 500; }
.stripe-double__mandate { color: #475569; font-size: 0.75rem; }
.stripe-double__3ds { margin: auto; max-width: min(24rem, calc(100% - 2rem)); border: 0; border-radius: 0.75rem; padding: 1.25rem; box-shadow: 0 10px 30px rgb(0 0 0 / 0.25); }
.stripe-double__3ds::backdrop { background: rgb(15 23 42 / 0.5); }
.stripe-double__3ds h2 { font-weight: 600; }
.stripe-double__3ds p { margin: 0.5rem 0 1rem; }
.stripe-double__button { margin: 0.25rem 0.5rem 0 0; border-radius: 0.5rem; background: #185a4b; color: #fff; padding: 0.5rem 0.75rem; font-weight: 600; }
`;
