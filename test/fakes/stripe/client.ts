import Stripe from 'stripe';

/**
 * A real `stripe` SDK client pointed at the fake. Network retries are off so a test sees each injected failure
 * itself (stripe-node still retries a reset connection once, as it does against Stripe); the short timeout makes
 * a held response surface as StripeConnectionError quickly. The API version is the one this SDK pins.
 */
export function stripeClientFor(
  fake: { port: number },
  key = 'sk_test_fake',
  opts: { timeoutMs?: number; maxNetworkRetries?: number } = {},
): Stripe {
  return new Stripe(key, {
    host: '127.0.0.1',
    port: fake.port,
    protocol: 'http',
    apiVersion: Stripe.API_VERSION,
    maxNetworkRetries: opts.maxNetworkRetries ?? 0,
    timeout: opts.timeoutMs ?? 2_000,
    telemetry: false,
  });
}
