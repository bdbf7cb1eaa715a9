/**
 * Security headers on every page type: CSP naming only our origin and Stripe's with nonce-based scripts, no
 * framing, no sniffing, no referrer and no caching on token pages and the admin area, HSTS only when the app is
 * served over https.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../setup/app-server';
import { createClient, type HttpResponse } from '../setup/http';
import { ENDPOINTS, pathOf } from './endpoints';
import { expectNoSecretsLogged, freshIp, startHarness, stopHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 90_000);
afterAll(() => stopHarness(h));

const STRIPE_SOURCES = new Set([
  'https://js.stripe.com',
  'https://*.js.stripe.com',
  'https://hooks.stripe.com',
  'https://api.stripe.com',
  'https://m.stripe.network',
  'https://*.stripe.com',
]);

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectCommonHeaders(res: HttpResponse, what: string) {
  const csp = res.headers.get('content-security-policy');
  expect(csp, what).toBeTruthy();
  const d = directives(csp!);
  for (const [name, sources] of d) {
    for (const source of sources) {
      const ok =
        ["'self'", "'none'", 'data:'].includes(source) ||
        /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(source) ||
        STRIPE_SOURCES.has(source);
      expect(ok, `${what}: ${name} allows ${source}`).toBe(true);
    }
  }
  const scripts = d.get('script-src') ?? d.get('default-src')!;
  expect(
    scripts.some((s) => s.startsWith("'nonce-")),
    what,
  ).toBe(true);
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  expect(d.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(d.get('object-src'), what).toEqual(["'none'"]);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  // Served over plain http here: no HSTS (browsers ignore it there, and a local setup must not be pinned).
  expect(res.headers.get('strict-transport-security'), what).toBeNull();
}

/**
 * An email as sent, shown in an admin iframe: its own, stricter policy (no script at all, sandboxed, framed only by
 * our pages). It lets images over https load, as the recipient's mail client would (logos): the one source outside
 * our origin and Stripe's, on a page only the business's users see.
 */
function expectEmailPreviewHeaders(res: HttpResponse, what: string) {
  const d = directives(res.headers.get('content-security-policy')!);
  expect(d.get('default-src'), what).toEqual(["'none'"]);
  expect(d.has('script-src'), what).toBe(false);
  expect(d.has('sandbox'), what).toBe(true);
  expect(d.get('frame-ancestors'), what).toEqual(["'self'"]);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
}

/** An uploaded image (the logo): only PNG or JPEG, never sniffed, and a policy under which nothing runs. */
function expectImageHeaders(res: HttpResponse, what: string) {
  expect(res.headers.get('content-type'), what).toMatch(/^image\/(png|jpeg)$/);
  const d = directives(res.headers.get('content-security-policy')!);
  expect(d.get('default-src'), what).toEqual(["'none'"]);
  expect(d.has('script-src'), what).toBe(false);
  expect(d.has('sandbox'), what).toBe(true);
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
}

/** Every inline or external script on an HTML page carries the response's nonce. */
function expectNoncedScripts(res: HttpResponse, what: string) {
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1]!;
  const scripts = [...res.body.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  expect(scripts.length, what).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
  expect(res.body, what).not.toMatch(/\son[a-z]+=["']/i);
}

describe('every page type', () => {
  const gets = ENDPOINTS.filter((e) => e.method === 'GET' && e.access !== 'webhook');

  test.each(gets.map((e) => [`${e.path}`, e] as const))('%s', async (_, e) => {
    const client = e.access === 'admin' || e.access === 'owner' ? h.admin : h.debtor;
    const res = await client.get(pathOf(e, e.params?.(h.world.a)), { headers: freshIp() });
    const what = `${e.path} (${res.status})`;
    expect(res.status, what).toBeLessThan(500);
    if (e.kind === 'html') expectEmailPreviewHeaders(res, what);
    else if (e.kind === 'image') expectImageHeaders(res, what);
    else expectCommonHeaders(res, what);
    const privateArea = e.access !== 'public' || e.path.startsWith('/admin');
    if (privateArea) {
      expect(res.headers.get('cache-control'), what).toBe('no-store');
      expect(res.headers.get('x-robots-tag'), what).toContain('noindex');
    }
    if (res.status === 200 && e.kind === 'page') expectNoncedScripts(res, what);
  });

  test('a nonce is never reused', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await h.debtor.get(`/i/${h.world.a.open.token}`, { headers: freshIp() });
      nonces.add(/'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1]!);
    }
    expect(nonces.size).toBe(20);
  });

  test('static assets, the webhook, a 404 and an error page', async () => {
    const asset = readdirSync('public/build').find((f) => f.endsWith('.js'))!;
    const cases: [string, () => Promise<HttpResponse>][] = [
      ['static asset', () => h.debtor.get(`/build/${asset}`)],
      ['favicon', () => h.debtor.get('/favicon.svg')],
      ['webhook GET', () => h.debtor.get('/webhooks/stripe')],
      [
        'webhook POST',
        () =>
          h.debtor.request('POST', '/webhooks/stripe', '{}', {
            headers: { 'stripe-signature': 'x' },
            origin: null,
          }),
      ],
      ['resend webhook POST', () => h.debtor.request('POST', '/webhooks/resend', '{}', { origin: null })],
      ['404 page', () => h.debtor.get('/no/such/page')],
      ['404 token page', () => h.debtor.get(`/i/${'A'.repeat(43)}`, { headers: freshIp() })],
      ['error page (admin 404)', () => h.admin.get('/admin/invoices/00000000-0000-4000-8000-000000000000')],
      [
        'cross-origin refusal',
        () => h.debtor.request('POST', '/admin/login', 'x=1', { origin: 'https://evil.test' }),
      ],
    ];
    for (const [what, get] of cases) {
      const res = await get();
      expect(res.status, what).toBeLessThan(500);
      expectCommonHeaders(res, what);
    }
    const token = await h.debtor.get(`/i/${'A'.repeat(43)}`, { headers: freshIp() });
    expect(token.headers.get('cache-control')).toBe('no-store');
    const asset404 = await h.debtor.get('/build/nope.js');
    expect(asset404.status).toBe(404);
  });

  test('a 404 is an answer, not an error in the log', async () => {
    for (const path of [
      '/favicon.ico',
      '/no/such/page',
      '/admin/invoices/00000000-0000-4000-8000-000000000000',
    ]) {
      const client = path.startsWith('/admin') ? h.admin : h.debtor;
      expect((await client.get(path)).status, path).toBe(404);
    }
    const errors = h.app
      .logs()
      .split('\n')
      .filter((line) => line.includes('"level":50') && line.includes('"status":404'));
    expect(errors).toEqual([]);
  });
});

describe('HSTS', () => {
  let https: RunningApp | undefined;
  afterAll(() => https?.stop());

  test('sent on every answer when APP_URL is https (production behind TLS)', async () => {
    https = await startApp({ APP_URL: 'https://pay.acquit.test' });
    const client = createClient(https.url);
    for (const path of ['/admin/login', '/status', '/favicon.svg', '/no/such/page', '/webhooks/stripe']) {
      const res = await client.get(path);
      expect(res.headers.get('strict-transport-security'), path).toMatch(
        /^max-age=\d{8,}; includeSubDomains/,
      );
    }
  });
});

test('nothing this suite did put a token, cookie, password or secret in the log', () => {
  expectNoSecretsLogged(h.app.logs(), h.secrets());
});
