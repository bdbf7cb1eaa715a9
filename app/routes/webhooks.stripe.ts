import type { ActionFunctionArgs } from '@remix-run/node';
import { handleStripeEvent } from '~/modules/payments/handle-stripe-event.server';
import { verifyStripeEvent } from '~/modules/payments/verify-stripe-event.server';
import { db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';

const MAX_BODY = 512 * 1024;

/** Stripe's webhook endpoint: the raw body is verified before anything else, then applied once. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405 });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return new Response('Too large', { status: 413 });
  const body = Buffer.from(await request.arrayBuffer());
  if (body.length > MAX_BODY) return new Response('Too large', { status: 413 });
  const event = verifyStripeEvent(body, request.headers.get('stripe-signature'));
  if (!event) return new Response('Invalid signature', { status: 400 });
  const result = await handleStripeEvent(db(), event);
  logger().debug({ eventId: event.id, type: event.type, result }, 'stripe event');
  return Response.json({ received: true, result });
}

export function loader() {
  return new Response('Method not allowed', { status: 405, headers: { Allow: 'POST' } });
}
