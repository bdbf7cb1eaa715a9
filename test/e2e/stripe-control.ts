/**
 * The e2e suite's Stripe fake lives in the e2e server's process (the app needs its URL before it starts, and every
 * Playwright worker talks to the same app). Specs steer it through this small HTTP API, a few calls wide:
 *
 *   GET  /payment-intents?invoice=<id>   the PaymentIntents made for an invoice (id, status, amount, methods)
 *   POST /settle {id, outcome}           a SEPA/ACH debit clears or bounces; resolves once its webhooks are delivered
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StripeFake } from '../fakes/stripe/server';

export type ControlledPaymentIntent = {
  id: string;
  status: string;
  amount: number;
  currency: string;
  paymentMethodTypes: string[];
};

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

/** Serves the control API for `fake` on a free local port. */
export async function serveStripeControl(fake: StripeFake): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    try {
      if (req.method === 'GET' && url.pathname === '/payment-intents') {
        const invoice = url.searchParams.get('invoice');
        const list: ControlledPaymentIntent[] = [...fake.state.paymentIntents.values()]
          .filter((pi) => pi.metadata?.invoice_id === invoice)
          .sort((a, b) => a.created - b.created)
          .map((pi) => ({
            id: pi.id,
            status: pi.status,
            amount: pi.amount,
            currency: pi.currency,
            paymentMethodTypes: pi.payment_method_types,
          }));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(list));
      } else if (req.method === 'POST' && url.pathname === '/settle') {
        const { id, outcome } = await json(req);
        fake.settle(String(id), outcome === 'failed' ? 'failed' : 'succeeded');
        await fake.flushDeliveries();
        res.writeHead(204).end();
      } else res.writeHead(404).end();
    } catch (error) {
      res
        .writeHead(500, { 'Content-Type': 'text/plain' })
        .end(error instanceof Error ? error.message : String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The spec side of the control API. */
export function stripeControl(controlUrl: string) {
  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${controlUrl}${path}`, init);
    if (!res.ok) throw new Error(`Stripe fake control ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    async paymentIntents(invoiceId: string): Promise<ControlledPaymentIntent[]> {
      return (await call(`/payment-intents?invoice=${encodeURIComponent(invoiceId)}`)).json();
    },
    async settle(paymentIntentId: string, outcome: 'succeeded' | 'failed' = 'succeeded'): Promise<void> {
      await call('/settle', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: paymentIntentId, outcome }),
      });
    },
  };
}
