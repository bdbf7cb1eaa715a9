/**
 * Webhook ingestion: a storm of signed Stripe events (several per payment, 30% sent twice, all shuffled) posted to
 * the production server; measures events per second and checks the ledger comes out exactly right.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import Stripe from 'stripe';
import type postgres from 'postgres';

export const BENCH_WEBHOOK_SECRET = 'whsec_bench_secret';

type Plan = { invoiceId: string; businessId: string; totalMinor: number; number: string };

/** 2,000 open invoices in one statement each (the issuing path is not what is measured here). */
export async function createOpenInvoices(sql: postgres.Sql, count: number): Promise<Plan[]> {
  const [biz] = await sql<{ id: string }[]>`SELECT id FROM business LIMIT 1`;
  const [customer] = await sql<
    { id: string }[]
  >`SELECT id FROM customers WHERE business_id = ${biz!.id} LIMIT 1`;
  const rows = await sql<{ id: string; total_minor: string; number: string }[]>`
    INSERT INTO invoices (business_id, customer_id, status, number, number_year, number_seq, currency, issue_date,
      terms_days, due_date, subtotal_minor, tax_minor, total_minor, recovery_indemnity_minor, seller, buyer, issued_at)
    SELECT ${biz!.id}, ${customer!.id}, 'open', 'BENCH-' || g, 1990, g, 'EUR', current_date, 30, current_date + 30,
      10000 + g, (10000 + g) / 5, (10000 + g) + (10000 + g) / 5, 4000,
      '{"name":"Bench","addressLines":[],"country":"FR"}', '{"name":"Client","addressLines":[],"country":"FR"}', now()
    FROM generate_series(1, ${count}) g
    RETURNING id, total_minor, number`;
  return rows.map((r) => ({
    invoiceId: r.id,
    businessId: biz!.id,
    totalMinor: Number(r.total_minor),
    number: r.number,
  }));
}

function event(type: string, object: object, created: number): Stripe.Event {
  return {
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}

/** Per payment: created, processing (every other one, as a bank debit), succeeded, charge.succeeded. */
export function stormEvents(plans: Plan[], duplicateShare = 0.3): { events: Stripe.Event[]; unique: number } {
  const unique: Stripe.Event[] = [];
  const t0 = Math.floor(Date.now() / 1000) - 3600;
  plans.forEach((plan, i) => {
    const pi = {
      id: `pi_bench_${i}`,
      object: 'payment_intent',
      amount: plan.totalMinor,
      currency: 'eur',
      metadata: { invoice_id: plan.invoiceId, business_id: plan.businessId, invoice_number: plan.number },
      latest_charge: `ch_bench_${i}`,
      last_payment_error: null,
    };
    unique.push(
      event(
        'payment_intent.created',
        { ...pi, status: 'requires_payment_method', latest_charge: null },
        t0 + i,
      ),
    );
    if (i % 2) unique.push(event('payment_intent.processing', { ...pi, status: 'processing' }, t0 + i + 1));
    unique.push(event('payment_intent.succeeded', { ...pi, status: 'succeeded' }, t0 + i + 2));
    unique.push(
      event('charge.succeeded', { id: `ch_bench_${i}`, object: 'charge', payment_intent: pi.id }, t0 + i + 2),
    );
  });
  const duplicates = Math.round((unique.length * duplicateShare) / (1 - duplicateShare));
  const all = [...unique];
  for (let i = 0; i < duplicates; i++) all.push(unique[Math.floor(Math.random() * unique.length)]!);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return { events: all, unique: unique.length };
}

/**
 * Posts every event, `concurrency` at a time over keep-alive connections (node:http: a lighter client than fetch,
 * so the load generator takes less of the CPU it shares with the server); returns events/s and non-2xx answers.
 */
export async function postStorm(url: string, events: Stripe.Event[], concurrency = 32) {
  const stripe = new Stripe('sk_test_bench');
  const bodies = events.map((e) => {
    const payload = JSON.stringify(e, null, 2);
    return {
      payload,
      header: stripe.webhooks.generateTestHeaderString({ payload, secret: BENCH_WEBHOOK_SECRET }),
    };
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (payload: string, header: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            'stripe-signature': header,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const { payload, header } = bodies[next++]!;
        const status = await post(payload, header).catch(() => 0);
        if (status < 200 || status >= 300) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { eventsPerSecond: Math.round(events.length / seconds), failures, seconds };
}

/** Waits until the worker has applied every queued event; returns how long that took after the storm ended. */
export async function waitForApplied(sql: postgres.Sql, timeoutMs = 300_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [row] = await sql<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM stripe_events WHERE processed_at IS NULL`;
    if (!row!.n) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs) throw new Error(`${row!.n} events still unapplied`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The ledger after the storm, straight from the tables. */
export async function ledgerCheck(sql: postgres.Sql, plans: Plan[]) {
  const ids = plans.map((p) => p.invoiceId);
  const [row] = await sql<
    {
      payments: number;
      succeeded_sum: string;
      expected_sum: string;
      paid: number;
      paid_events: number;
      receipts: number;
    }[]
  >`
    SELECT
      (SELECT count(*)::int FROM payments WHERE invoice_id = ANY(${ids})) AS payments,
      (SELECT COALESCE(sum(amount_minor), 0) FROM payments WHERE invoice_id = ANY(${ids}) AND status = 'succeeded') AS succeeded_sum,
      (SELECT sum(total_minor) FROM invoices WHERE id = ANY(${ids})) AS expected_sum,
      (SELECT count(*)::int FROM invoices WHERE id = ANY(${ids}) AND status = 'paid') AS paid,
      (SELECT count(*)::int FROM events WHERE invoice_id = ANY(${ids}) AND type = 'invoice.paid') AS paid_events,
      (SELECT count(*)::int FROM emails WHERE invoice_id = ANY(${ids}) AND template = 'payment-receipt') AS receipts`;
  const exact =
    row!.payments === plans.length &&
    row!.succeeded_sum === row!.expected_sum &&
    row!.paid === plans.length &&
    row!.paid_events === plans.length;
  return { ...row!, exact };
}
