/**
 * A local stand-in for Resend's HTTP API (POST /emails), for tests that run the real worker and the real SDK.
 * It honours Idempotency-Key as Resend does (same key -> same email id, sent once) and can fail on demand.
 * Below it, helpers that build and sign webhook events as Resend posts them (for /webhooks/resend tests).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedEmail = { id: string; idempotencyKey: string | null; body: Record<string, unknown> };

export type ResendFake = {
  url: string;
  /** Emails accepted, one per idempotency key. */
  emails: ReceivedEmail[];
  /** Every POST, including replays and refused ones. */
  requests: number;
  failNext(times: number): void;
  /** The next POST is accepted but answered only after `ms` (a slow Resend, to catch a worker mid-send). */
  holdNext(ms: number): void;
  stop(): Promise<void>;
};

export async function startResendFake(): Promise<ResendFake> {
  const emails: ReceivedEmail[] = [];
  const byKey = new Map<string, ReceivedEmail>();
  let failures = 0;
  let holdMs = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      requests++;
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/emails')
        return json(404, { name: 'not_found', message: 'Not found' });
      if (!/^Bearer re_/.test(req.headers.authorization ?? ''))
        return json(401, { name: 'missing_api_key', message: 'Missing API key' });
      if (failures > 0) {
        failures--;
        return json(500, { name: 'internal_server_error', statusCode: 500, message: 'Injected failure' });
      }
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      const existing = key ? byKey.get(key) : undefined;
      if (existing) return json(200, { id: existing.id });
      const email = {
        id: `re_${emails.length + 1}`,
        idempotencyKey: key,
        body: JSON.parse(raw) as Record<string, unknown>,
      };
      emails.push(email);
      if (key) byKey.set(key, email);
      const hold = holdMs;
      holdMs = 0;
      setTimeout(() => json(200, { id: email.id }), hold);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    emails,
    get requests() {
      return requests;
    },
    failNext(times) {
      failures = times;
    },
    holdNext(ms) {
      holdMs = ms;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A webhook signing secret as Resend shows it: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

type EmailEventData = {
  email_id: string;
  to?: string[];
  bounce?: { type: string; subType: string; message: string };
  [key: string]: unknown;
};

let messages = 0;

/** An event as Resend posts it: `{ type, created_at, data }`, data describing the email. */
export function resendEvent(type: string, data: EmailEventData) {
  const at = new Date().toISOString();
  return {
    type,
    created_at: at,
    data: {
      created_at: at,
      from: 'Atelier <billing@atelier.test>',
      subject: 'Facture',
      message_id: `<${data.email_id}@resend.test>`,
      to: [],
      ...data,
    },
  };
}

/**
 * Signs a webhook body the way Resend does (Svix: HMAC-SHA256 of `id.timestamp.body` with the base64 key after
 * `whsec_`, sent as `v1,<base64>` in svix-signature). Written independently of the app's verifier; a test checks
 * it against the Resend SDK's own `webhooks.verify`.
 */
export function signResendWebhook(
  payload: object | string,
  options: { secret: string; id?: string; timestamp?: number },
): { id: string; body: string; headers: Record<string, string> } {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const id =
    options.id ??
    `msg_${Date.now().toString(36)}${(messages++).toString(36)}${randomBytes(6).toString('hex')}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const key = Buffer.from(options.secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(timestamp),
      'svix-signature': `v1,${signature}`,
    },
  };
}
