import Stripe from 'stripe';
import { env } from './env.server';

let client: Stripe | undefined;

export function stripeConfigured(): boolean {
  return Boolean(env().STRIPE_SECRET_KEY);
}

/**
 * The Stripe SDK, pointed at STRIPE_API_BASE when set (the local fake in tests and simulated mode). Network
 * failures are retried by the SDK with the same idempotency key, so a retry can never charge twice.
 */
export function stripe(): Stripe {
  if (!client) {
    const e = env();
    if (!e.STRIPE_SECRET_KEY) throw new Error('STRIPE_SECRET_KEY is not set');
    const base = e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : null;
    client = new Stripe(e.STRIPE_SECRET_KEY, {
      maxNetworkRetries: 2,
      timeout: e.STRIPE_TIMEOUT_MS,
      appInfo: { name: 'Acquit' },
      ...(base
        ? {
            host: base.hostname,
            port: base.port || (base.protocol === 'https:' ? 443 : 80),
            protocol: base.protocol === 'https:' ? 'https' : 'http',
          }
        : {}),
    });
  }
  return client;
}

/** Payment methods offered for a currency: card always, plus the bank debit that currency has. */
export function paymentMethodTypes(currency: string): string[] {
  if (currency === 'EUR') return ['card', 'sepa_debit'];
  if (currency === 'USD') return ['card', 'us_bank_account'];
  return ['card'];
}
