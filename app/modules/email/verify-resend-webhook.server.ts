import { createHmac, timingSafeEqual } from 'node:crypto';

/** Svix's default, which Resend uses: a message signed more than five minutes away from now is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SvixHeaders = { id: string | null; timestamp: string | null; signature: string | null };

/** The comma-separated RESEND_WEBHOOK_SECRET as a list (two entries while rotating). */
export function webhookSecrets(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the key that follows `whsec_`, as Svix signs. */
export function svixSignature(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * Checks a Svix signature (the scheme Resend signs its webhooks with) over the exact bytes received: the id and
 * timestamp headers are part of what is signed, the timestamp must be within five minutes of `now`, and any of the
 * space-separated `v1,` signatures may match any of the secrets (rotation). Constant-time comparison. Returns the
 * Svix message id when the message is authentic, else null: a missing header, a forged or stale signature, a
 * re-serialised body.
 */
export function verifySvixSignature(
  rawBody: Buffer,
  headers: SvixHeaders,
  secrets: string[],
  now: Date = new Date(),
): string | null {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature || !secrets.length) return null;
  if (id.length > 200 || signature.length > 2000) return null;
  if (!/^\d{1,12}$/.test(timestamp)) return null;
  const sentAt = Number(timestamp);
  if (Math.abs(Math.floor(now.getTime() / 1000) - sentAt) > SIGNATURE_TOLERANCE_SECONDS) return null;
  const offered = signature
    .split(' ')
    .map((part) => part.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .map(([, value]) => Buffer.from(value!, 'utf8'));
  for (const secret of secrets) {
    const expected = Buffer.from(svixSignature(secret, id, sentAt, rawBody).slice(3), 'utf8');
    if (
      offered.some(
        (candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected),
      )
    ) {
      return id;
    }
  }
  return null;
}
