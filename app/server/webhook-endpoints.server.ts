import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { retryWhileDatabaseDown } from './connection-loss.server';
import { queueStripeEvent } from '~/modules/payments/handle-stripe-event.server';
import { verifyStripeEvent } from '~/modules/payments/verify-stripe-event.server';
import { db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';

const MAX_BODY = 512 * 1024;

type Reply = { status: number; body: string; type?: 'json' | 'text' };
type Endpoint = (body: Buffer, headers: IncomingHttpHeaders) => Promise<Reply>;

/**
 * Stripe's webhook: the raw body is verified before anything else, then the event is queued (once per id) for the
 * worker, which applies it within moments (handle-stripe-event.server.ts).
 */
async function stripeWebhook(body: Buffer, headers: IncomingHttpHeaders): Promise<Reply> {
  const signature = headers['stripe-signature'];
  const event = verifyStripeEvent(body, typeof signature === 'string' ? signature : null);
  if (!event) return { status: 400, body: 'Invalid signature', type: 'text' };
  const result = await queueStripeEvent(db(), event, body);
  logger().debug({ eventId: event.id, type: event.type, result }, 'stripe event');
  return { status: 200, body: JSON.stringify({ received: true, result }) };
}

/**
 * Machine-to-machine endpoints answered before the Remix pipeline: they carry their own signatures (no session,
 * no CSRF, no page to render), and a provider's retry storm should cost a verify and a transaction, not a route
 * match, a Fetch Request and a document pipeline per event.
 */
const endpoints: Record<string, Endpoint> = { '/webhooks/stripe': stripeWebhook };

export function isWebhookEndpoint(pathname: string): boolean {
  return Object.hasOwn(endpoints, pathname);
}

/** Answers a request for one of `endpoints`; `headers` are the security headers every response carries. */
export async function serveWebhook(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  headers: Record<string, string>,
): Promise<void> {
  const reply = (r: Reply, extra: Record<string, string> = {}) =>
    res
      .writeHead(r.status, {
        ...headers,
        ...extra,
        'Content-Type': r.type === 'text' ? 'text/plain; charset=utf-8' : 'application/json',
      })
      .end(r.body);
  if (req.method !== 'POST') {
    reply({ status: 405, body: 'Method not allowed', type: 'text' }, { Allow: 'POST' });
    return;
  }
  const body = await readBody(req, MAX_BODY);
  if (!body) {
    reply({ status: 413, body: 'Too large', type: 'text' }, { Connection: 'close' });
    return;
  }
  // Stripe and Resend would redeliver after a 5xx, but minutes later: wait out a database restart instead.
  const outcome = await retryWhileDatabaseDown(
    () => endpoints[pathname]!(body, req.headers),
    () => false,
    { gaveUp: () => req.destroyed },
  );
  if ('outage' in outcome)
    reply({ status: 503, body: 'Database unavailable', type: 'text' }, { 'Retry-After': '5' });
  else reply(outcome.result);
}

/** The request body, or null once it passes `limit` bytes (declared or actual). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
