import type Stripe from 'stripe';
import { env } from '~/utils/env.server';
import { stripe } from '~/utils/stripe.server';

/** Stripe's default: a signature older than five minutes is refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Verifies the signature over the exact bytes received, with the current secret or, during a rotation, the
 * previous one. Null for anything unverifiable: no header, a forged or stale signature, a re-serialised body.
 */
export function verifyStripeEvent(rawBody: Buffer, signature: string | null): Stripe.Event | null {
  if (!signature) return null;
  const e = env();
  for (const secret of [e.STRIPE_WEBHOOK_SECRET, e.STRIPE_WEBHOOK_SECRET_PREVIOUS]) {
    if (!secret) continue;
    try {
      return stripe().webhooks.constructEvent(rawBody, signature, secret, SIGNATURE_TOLERANCE_SECONDS);
    } catch {
      // try the next secret
    }
  }
  return null;
}
