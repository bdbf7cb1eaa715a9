import type { Env } from './env.server';

/** Simulated payments exist for development and tests only. */
export function assertSafeMode(env: Env): void {
  if (env.NODE_ENV === 'production' && !env.STRIPE_SECRET_KEY) {
    throw new Error(
      'Refusing to start: NODE_ENV=production without STRIPE_SECRET_KEY would run simulated payments. ' +
        'Set STRIPE_SECRET_KEY (and STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET).',
    );
  }
}
