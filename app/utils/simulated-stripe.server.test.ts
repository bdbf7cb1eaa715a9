import { describe, expect, test } from 'vitest';
import { parseEnv } from './env.server';
import { simulatedStripeApi, simulatedStripeJs, stripeJsUrl } from './simulated-stripe.server';

const simulated = { STRIPE_SECRET_KEY: 'sk_test_simulated', STRIPE_API_BASE: 'http://127.0.0.1:12111' };

describe('where the debtor page gets Stripe.js', () => {
  test('simulated development: the double from our own origin, talking to the fake', async () => {
    const env = parseEnv({ NODE_ENV: 'development', ...simulated });
    expect(stripeJsUrl(env)).toBe('/_simulated/stripe.js');
    expect(simulatedStripeApi(env)).toBe('http://127.0.0.1:12111');
    const script = await simulatedStripeJs(env);
    expect(script).toContain('apiBase: "http://127.0.0.1:12111"');
    expect(script).toContain('window.Stripe = Stripe');
  });

  test('production never serves the double, even pointed at the fake (as the e2e suite is)', async () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      APP_URL: 'https://pay.example.fr',
      ...simulated,
    });
    expect(stripeJsUrl(env)).toBe('https://js.stripe.com/v3/');
    expect(simulatedStripeApi(env)).toBeNull();
    expect(await simulatedStripeJs(env)).toBeNull();
  });

  test('development with real test keys uses Stripe', () => {
    const env = parseEnv({
      NODE_ENV: 'development',
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_123',
    });
    expect(stripeJsUrl(env)).toBe('https://js.stripe.com/v3/');
  });
});
