/**
 * Stripe's origins are the only third party the pages may talk to: those Stripe's integration security guide lists
 * for Stripe.js (docs.stripe.com/security/guide#content-security-policy), less Google Maps (only the Address Element
 * needs it). Stripe.js loads parts of itself and its frames from subdomains of js.stripe.com.
 */
const STRIPE = {
  script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  connect: ['https://api.stripe.com', 'https://m.stripe.network'],
  img: ['https://*.stripe.com'],
};

/** `simulatedApi`: the local Stripe fake's origin, which the Stripe.js double calls in simulated development only. */
export function contentSecurityPolicy(nonce: string, simulatedApi: string | null = null): string {
  const connect = simulatedApi ? [...STRIPE.connect, simulatedApi] : STRIPE.connect;
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' ${STRIPE.script.join(' ')}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: ${STRIPE.img.join(' ')}`,
    `font-src 'self'`,
    `connect-src 'self' ${connect.join(' ')}`,
    `frame-src 'self' ${STRIPE.frame.join(' ')}`,
    `frame-ancestors 'none'`,
    `form-action 'self'`,
    `base-uri 'none'`,
    `object-src 'none'`,
  ].join('; ');
}

export function securityHeaders(opts: {
  nonce: string;
  https: boolean;
  path: string;
  simulatedApi?: string | null;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(opts.nonce, opts.simulatedApi),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(self "https://js.stripe.com")',
  };
  if (opts.https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  // Token pages and the admin area are private: never cached, never indexed.
  if (/^\/(i|s|admin)(\/|$)/.test(opts.path)) {
    headers['Cache-Control'] = 'no-store';
    headers['X-Robots-Tag'] = 'noindex, nofollow';
  }
  return headers;
}
