import type { ActionFunctionArgs } from '@remix-run/node';
import { handleResendWebhook } from '~/modules/email/resend-webhook.server';
import { verifySvixSignature, webhookSecrets } from '~/modules/email/verify-resend-webhook.server';
import { db } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import { logger } from '~/utils/logger.server';

const MAX_BODY = 256 * 1024;

/**
 * Resend's webhook endpoint (Svix-signed): the raw body is verified before anything else is read, then applied
 * once. Unconfigured (no RESEND_WEBHOOK_SECRET), it answers 503 so Resend keeps the events and retries.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405 });
  const secrets = webhookSecrets(env().RESEND_WEBHOOK_SECRET);
  if (!secrets.length) return new Response('Resend webhooks are not configured', { status: 503 });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY)
    return new Response('Too large', { status: 413 });
  const body = Buffer.from(await request.arrayBuffer());
  if (body.length > MAX_BODY) return new Response('Too large', { status: 413 });
  const svixId = verifySvixSignature(
    body,
    {
      id: request.headers.get('svix-id'),
      timestamp: request.headers.get('svix-timestamp'),
      signature: request.headers.get('svix-signature'),
    },
    secrets,
  );
  if (!svixId) return new Response('Invalid signature', { status: 400 });
  const outcome = await handleResendWebhook(db(), { svixId, rawBody: body });
  if (outcome.result === 'invalid') return new Response('Invalid payload', { status: 400 });
  const log = { svixId, type: outcome.type, emailId: outcome.emailId, result: outcome.result };
  if (outcome.result === 'unknown_email') logger().info(log, 'resend event for an email we did not send');
  else logger().debug(log, 'resend event');
  return Response.json({ received: true, result: outcome.result });
}

export function loader() {
  return new Response('Method not allowed', { status: 405, headers: { Allow: 'POST' } });
}
