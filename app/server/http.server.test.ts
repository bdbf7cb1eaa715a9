import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from './security-headers.server';
import { isSameOriginPost } from './http.server';

const app = 'https://pay.example.fr';
const post = (headers: Record<string, string>) => ({ method: 'POST', headers }) as unknown as IncomingMessage;

describe('isSameOriginPost', () => {
  test('takes our own Origin and refuses any other', () => {
    expect(isSameOriginPost(post({ origin: app }), app, '/i/x')).toBe(true);
    expect(isSameOriginPost(post({ origin: 'https://evil.example' }), app, '/i/x')).toBe(false);
  });

  test('a plain form post under no-referrer says Origin: null; Sec-Fetch-Site decides', () => {
    expect(isSameOriginPost(post({ origin: 'null', 'sec-fetch-site': 'same-origin' }), app, '/i/x')).toBe(
      true,
    );
    expect(isSameOriginPost(post({ origin: 'null', 'sec-fetch-site': 'cross-site' }), app, '/i/x')).toBe(
      false,
    );
    expect(isSameOriginPost(post({ origin: 'null' }), app, '/i/x')).toBe(false);
  });

  test('webhooks carry their own signatures', () => {
    expect(isSameOriginPost(post({}), app, '/webhooks/stripe')).toBe(true);
  });
});

describe('contentSecurityPolicy', () => {
  test('lets the page reach the local Stripe fake only when it is given (simulated development)', () => {
    expect(contentSecurityPolicy('n')).not.toContain('127.0.0.1');
    expect(contentSecurityPolicy('n', 'http://127.0.0.1:12111')).toMatch(
      /connect-src 'self' https:\/\/api\.stripe\.com https:\/\/m\.stripe\.network http:\/\/127\.0\.0\.1:12111;/,
    );
  });

  test("allows what Stripe's security guide lists for Stripe.js: its subdomains for scripts and frames, 3DS frames", () => {
    const directive = (name: string) =>
      contentSecurityPolicy('n')
        .split('; ')
        .find((d) => d.startsWith(`${name} `))!
        .split(' ')
        .slice(1);
    expect(directive('script-src')).toEqual(
      expect.arrayContaining(['https://js.stripe.com', 'https://*.js.stripe.com']),
    );
    expect(directive('frame-src')).toEqual(
      expect.arrayContaining([
        'https://js.stripe.com',
        'https://*.js.stripe.com',
        'https://hooks.stripe.com',
      ]),
    );
    expect(directive('connect-src')).toContain('https://api.stripe.com');
    expect(directive('script-src')).not.toContain("'unsafe-inline'");
  });
});
