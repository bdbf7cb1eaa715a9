/**
 * A local stand-in for Resend's HTTP API (POST /emails), for tests that run the real worker and the real SDK.
 * It honours Idempotency-Key as Resend does (same key -> same email id, sent once) and can fail on demand.
 */
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
  stop(): Promise<void>;
};

export async function startResendFake(): Promise<ResendFake> {
  const emails: ReceivedEmail[] = [];
  const byKey = new Map<string, ReceivedEmail>();
  let failures = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      requests++;
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/emails') return json(404, { name: 'not_found', message: 'Not found' });
      if (!/^Bearer re_/.test(req.headers.authorization ?? '')) return json(401, { name: 'missing_api_key', message: 'Missing API key' });
      if (failures > 0) {
        failures--;
        return json(500, { name: 'internal_server_error', statusCode: 500, message: 'Injected failure' });
      }
      const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
      const existing = key ? byKey.get(key) : undefined;
      if (existing) return json(200, { id: existing.id });
      const email = { id: `re_${emails.length + 1}`, idempotencyKey: key, body: JSON.parse(raw) as Record<string, unknown> };
      emails.push(email);
      if (key) byKey.set(key, email);
      json(200, { id: email.id });
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
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
