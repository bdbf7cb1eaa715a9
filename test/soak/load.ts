/**
 * The soak's traffic, as real clients make it: debtors opening their pages and paying (card, declined card, bank
 * debit), Stripe delivering and redelivering its events out of order, and the jobs the worker's schedule would
 * start (reminder sweeps, installment charges, the payments catch-up), triggered far more often than in production.
 */
import type PgBoss from 'pg-boss';
import type { StripeFake } from '../fakes/stripe/server';
import { createClient, csrfFrom } from '../setup/http';
import type { SoakWorld } from './world';

export type Tally = {
  requests: Map<string, number>;
  /** A 5xx, or no answer at all, to a request that was valid. */
  failures: { kind: string; status: number | string; at: number }[];
  payments: { started: number; confirmed: number; declined: number; debits: number; statements: number };
  storms: { batches: number; deliveries: number };
  jobsTriggered: number;
  refunds: number;
  chargebacks: number;
};

export function newTally(): Tally {
  return {
    requests: new Map(),
    failures: [],
    payments: { started: 0, confirmed: 0, declined: 0, debits: 0, statements: 0 },
    storms: { batches: 0, deliveries: 0 },
    jobsTriggered: 0,
    refunds: 0,
    chargebacks: 0,
  };
}

type Ctx = { appUrl: string; fake: StripeFake; world: SoakWorld; tally: Tally; until: () => boolean };

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function counted<T extends { status: number }>(ctx: Ctx, kind: string, run: () => Promise<T>) {
  ctx.tally.requests.set(kind, (ctx.tally.requests.get(kind) ?? 0) + 1);
  try {
    const response = await run();
    if (response.status >= 500) ctx.tally.failures.push({ kind, status: response.status, at: Date.now() });
    return response;
  } catch (error) {
    ctx.tally.failures.push({ kind, status: String((error as Error).cause ?? error), at: Date.now() });
    return null;
  }
}

/** Opens debtor pages one after another; every link is valid, so anything but 200 is a failure. */
export async function viewPages(ctx: Ctx) {
  const all = [...ctx.world.payable, ...ctx.world.reminded];
  while (!ctx.until()) {
    const invoice = pick(all);
    const response = await counted(ctx, 'debtor page', () =>
      createClient(ctx.appUrl).get(`/i/${invoice.token}`),
    );
    if (response && response.status !== 200 && response.status < 500) {
      ctx.tally.failures.push({ kind: 'debtor page', status: response.status, at: Date.now() });
    }
  }
}

/**
 * Pays invoices from their pages, each invoice by one payer at a time: Pay (the server opens the PaymentIntent),
 * then the card or debit is confirmed at "Stripe" as Stripe.js would, then the page tells the server it returned.
 */
export async function pay(
  ctx: Ctx,
  invoices: SoakWorld['payable'],
  lookupIntent: (invoiceId: string) => Promise<string | null>,
) {
  while (!ctx.until() && invoices.length) {
    const invoice = invoices.shift()!;
    const client = createClient(ctx.appUrl);
    const page = await counted(ctx, 'debtor page', () => client.get(`/i/${invoice.token}`));
    if (!page || page.status !== 200) continue;
    const csrf = csrfFrom(page.body);
    // Half pay the balance, half a part of it (the business allows partial payments).
    const amount: Record<string, string> =
      Math.random() < 0.5 ? {} : { amount: String(Math.round(invoice.totalMinor / 300)) };
    const opened = await counted(ctx, 'pay', () =>
      client.postForm(`/i/${invoice.token}`, { csrf, intent: 'pay', ...amount }),
    );
    if (!opened || opened.status !== 200) continue;
    ctx.tally.payments.started++;
    const intent = await lookupIntent(invoice.invoiceId);
    if (!intent) continue;
    const roll = Math.random();
    const method = roll < 0.7 ? 'pm_card_visa' : roll < 0.85 ? 'pm_card_chargeDeclined' : 'sepa';
    const confirmed = await confirmAtStripe(ctx, intent, method);
    if (method === 'pm_card_chargeDeclined') ctx.tally.payments.declined++;
    else if (method === 'sepa') ctx.tally.payments.debits++;
    else ctx.tally.payments.confirmed++;
    if (confirmed && Math.random() < 0.5) {
      await counted(ctx, 'payment returned', () =>
        client.postForm(`/i/${invoice.token}`, { csrf, intent: 'payment-returned', paymentIntentId: intent }),
      );
    }
    if (method === 'sepa')
      setTimeout(() => void ctx.fake.settle(intent, Math.random() < 0.8 ? 'succeeded' : 'failed'), 1500);
  }
}

async function confirmAtStripe(ctx: Ctx, intent: string, method: string): Promise<boolean> {
  const body =
    method === 'sepa'
      ? new URLSearchParams({
          'payment_method_data[type]': 'sepa_debit',
          'payment_method_data[sepa_debit][iban]': 'DE89370400440532013000',
          'payment_method_data[billing_details][name]': 'Soak Debtor',
          'payment_method_data[billing_details][email]': 'soak@example.test',
          'mandate_data[customer_acceptance][type]': 'online',
          'mandate_data[customer_acceptance][online][ip_address]': '127.0.0.1',
          'mandate_data[customer_acceptance][online][user_agent]': 'soak',
        })
      : new URLSearchParams({ payment_method: method });
  const response = await fetch(`${ctx.fake.url}/v1/payment_intents/${intent}/confirm`, {
    method: 'POST',
    headers: { Authorization: 'Bearer sk_test_soak', 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  }).catch(() => null);
  return response?.ok ?? false;
}

/** Every couple of seconds, Stripe redelivers a batch of past events twice each, all at once, shuffled. */
export async function stormWebhooks(ctx: Ctx) {
  while (!ctx.until()) {
    await sleep(1500 + Math.random() * 1500);
    const ids = ctx.fake.events.map((e) => e.id);
    if (!ids.length) continue;
    const batch = Array.from({ length: Math.min(20, ids.length) }, () => pick(ids));
    ctx.tally.storms.batches++;
    ctx.tally.storms.deliveries += batch.length * 2;
    await ctx.fake.deliver(batch, { times: 2, concurrently: true, shuffle: true }).catch(() => {});
  }
}

/** The worker's scheduled jobs, started every few seconds instead of every few minutes. */
export async function triggerJobs(ctx: Ctx, boss: PgBoss, names: string[]) {
  while (!ctx.until()) {
    await sleep(2000 + Math.random() * 2000);
    for (const name of names) {
      try {
        await boss.send(name, {});
        ctx.tally.jobsTriggered++;
      } catch {
        // PostgreSQL is restarting: the schedule would have tried again later, so do we.
      }
    }
  }
}

/**
 * Now and then the business refunds part of a card payment, or a customer's bank opens a chargeback that is lost,
 * both from Stripe's side (the dashboard, the bank): the app learns of them only through webhooks.
 */
export async function refundAndDispute(ctx: Ctx) {
  const touched = new Set<string>();
  while (!ctx.until()) {
    await sleep(2500 + Math.random() * 2500);
    const candidates = [...ctx.fake.state.paymentIntents.values()].filter(
      (pi) => pi.status === 'succeeded' && typeof pi.latest_charge === 'string' && !touched.has(pi.id),
    );
    if (!candidates.length) continue;
    const pi = pick(candidates);
    touched.add(pi.id);
    if (Math.random() < 0.7) {
      const amount = Math.max(1, Math.floor(pi.amount / 3));
      const response = await fetch(`${ctx.fake.url}/v1/refunds`, {
        method: 'POST',
        headers: {
          Authorization: 'Bearer sk_test_soak',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ payment_intent: pi.id, amount: String(amount) }),
      }).catch(() => null);
      if (response?.ok) ctx.tally.refunds++;
    } else {
      const charge = pi.latest_charge as string;
      ctx.fake.dispute(charge);
      setTimeout(() => {
        try {
          ctx.fake.dispute(charge, { status: 'lost' });
        } catch {
          // the fake was stopped: the run is over
        }
      }, 1000);
      ctx.tally.chargebacks++;
    }
  }
}

/**
 * Customers paying several invoices at once from their statement: all three, or an amount that covers the oldest
 * and part of the next; one PaymentIntent, shared out when Stripe confirms it.
 */
export async function payStatements(
  ctx: Ctx,
  statements: SoakWorld['statements'],
  lookupIntent: (customerId: string) => Promise<string | null>,
) {
  while (!ctx.until() && statements.length) {
    const statement = statements.shift()!;
    const client = createClient(ctx.appUrl);
    const page = await counted(ctx, 'statement page', () => client.get(`/s/${statement.token}`));
    if (!page || page.status !== 200) {
      if (page) ctx.tally.failures.push({ kind: 'statement page', status: page.status, at: Date.now() });
      continue;
    }
    const fields: [string, string][] = [
      ['csrf', csrfFrom(page.body)],
      ['intent', 'pay'],
      ['currency', 'EUR'],
      ...statement.invoiceIds.map((id): [string, string] => ['invoice', id]),
    ];
    if (Math.random() < 0.5) fields.push(['amount', '2000']);
    const opened = await counted(ctx, 'statement pay', () =>
      client.postForm(`/s/${statement.token}`, fields),
    );
    if (!opened || opened.status !== 200) {
      if (opened && opened.status < 500)
        ctx.tally.failures.push({ kind: 'statement pay', status: opened.status, at: Date.now() });
      continue;
    }
    const intent = await lookupIntent(statement.customerId);
    if (!intent) continue;
    if (await confirmAtStripe(ctx, intent, 'pm_card_visa')) ctx.tally.payments.statements++;
  }
}
