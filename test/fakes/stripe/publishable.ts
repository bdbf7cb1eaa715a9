import type { Ctx } from './context';
import { invalidRequest } from './errors';

/**
 * Publishable keys (Stripe.js) may only touch an intent when they present its client_secret, and they see a
 * reduced object: no metadata, no customer, no charge, as with Stripe.
 */
export function checkClientSecret(
  ctx: Ctx,
  object: { client_secret: string | null; object: string },
  given: string | undefined,
): void {
  if (ctx.auth.kind !== 'publishable') return;
  const name = object.object === 'setup_intent' ? 'SetupIntent' : 'PaymentIntent';
  if (!given) {
    throw invalidRequest(`You must provide the client_secret of the ${name} when using a publishable key.`, {
      param: 'client_secret',
    });
  }
  if (given !== object.client_secret) {
    throw invalidRequest(
      `The client_secret provided does not match any associated ${name} on this account. Ensure the publishable key used belongs to the same account that created the ${name}.`,
      { code: 'resource_missing', param: 'client_secret' },
    );
  }
}

const PUBLIC_FIELDS = new Set([
  'id',
  'object',
  'amount',
  'amount_details',
  'automatic_payment_methods',
  'canceled_at',
  'cancellation_reason',
  'capture_method',
  'client_secret',
  'confirmation_method',
  'created',
  'currency',
  'description',
  'last_payment_error',
  'last_setup_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_types',
  'processing',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'source',
  'status',
  'usage',
]);

export function viewFor<T extends object>(ctx: Ctx, object: T): T {
  if (ctx.auth.kind !== 'publishable') return object;
  return Object.fromEntries(Object.entries(object).filter(([key]) => PUBLIC_FIELDS.has(key))) as T;
}
