import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';

export interface RouteStripeOptions {
  /** How the Stripe.js double answers 3D Secure: a dialog the test clicks (default), or at once. */
  threeDS?: 'prompt' | 'complete' | 'fail';
}

// Only what Stripe's API reads; hop-by-hop and browser-managed headers stay behind.
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'authorization',
  'idempotency-key',
  'stripe-version',
  'stripe-account',
  'origin',
];
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
]);

/**
 * Makes the page talk to the Stripe fake instead of Stripe: https://js.stripe.com/v3 serves the Stripe.js double,
 * and every https://api.stripe.com request is forwarded to the fake and its answer (CORS headers included)
 * handed back to the browser. The page keeps its real Stripe URLs and CSP.
 */
export async function routeStripe(
  target: Page | BrowserContext,
  fake: { url: string },
  opts: RouteStripeOptions = {},
): Promise<void> {
  const source = readFileSync(new URL('./stripe-js-double.js', import.meta.url), 'utf8');
  const script = `window.__STRIPE_DOUBLE_OPTIONS__ = ${JSON.stringify({ threeDS: opts.threeDS ?? 'prompt' })};\n${source}`;

  await target.route(/^https:\/\/js\.stripe\.com\/v3(\/.*)?$/, (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript; charset=utf-8', body: script }),
  );

  await target.route(/^https:\/\/api\.stripe\.com\//, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const incoming = request.headers();
    const headers = Object.fromEntries(
      FORWARDED_REQUEST_HEADERS.filter((h) => incoming[h]).map((h) => [h, incoming[h]!]),
    );
    const method = request.method();
    try {
      const response = await fetch(`${fake.url}${url.pathname}${url.search}`, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : (request.postData() ?? undefined),
      });
      await route.fulfill({
        status: response.status,
        headers: Object.fromEntries(
          [...response.headers].filter(([name]) => !DROPPED_RESPONSE_HEADERS.has(name)),
        ),
        body: Buffer.from(await response.arrayBuffer()),
      });
    } catch {
      // The fake is gone (test teardown): fail the request as a network error would.
      await route.abort('connectionrefused').catch(() => {});
    }
  });
}
