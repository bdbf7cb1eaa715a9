import { createHmac } from 'node:crypto';
import { Webhook } from 'svix';

/** Svix's tolerance, which Resend relies on: a message signed more than five minutes away from now is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SvixHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/** The comma-separated RESEND_WEBHOOK_SECRET as a list (two entries while rotating). */
export function webhookSecrets(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the key that follows `whsec_`, as Svix signs (for tests and the fake). */
export function svixSignature(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * Checks a Svix signature (the scheme Resend signs its webhooks with) over the exact bytes received, with svix's own
 * verifier: the id and timestamp headers are signed too, the timestamp must be within five minutes of now, any of
 * the space-separated `v1,` signatures may match, compared in constant time. Each secret is tried in turn
 * (rotation). Returns the Svix message id when the message is authentic, else null: a missing header, a forged or
 * stale signature, a re-serialised body.
 */
export function verifySvixSignature(rawBody: Buffer, headers: SvixHeaders, secrets: string[]): string | null {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !secrets.length) return null;
  if (id.length > 200 || signature.length > 2000 || !/^\d{1,12}$/.test(timestamp)) return null;
  const svixHeaders = { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': signature };
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(rawBody, svixHeaders);
      return id;
    } catch {
      // not this secret (or not authentic at all)
    }
  }
  return null;
}
