/**
 * The rules of DESIGN.md ("Rules that must hold") checked on what the soak left behind, against Stripe's own record
 * (the fake's state) rather than against our tables alone. Each returns the broken cases; empty means it holds.
 */
import type postgres from 'postgres';
import type { StripeFake } from '../fakes/stripe/server';

export type Invariant = { name: string; checked: number; broken: string[] };

export async function checkInvariants(
  sql: postgres.Sql,
  fake: StripeFake,
  opts: { reminders: boolean },
): Promise<Invariant[]> {
  return [
    await paymentIntentsRecordedOnce(sql, fake),
    await balancesMatchLedger(sql, fake),
    await remindersAtMostOnce(sql),
    ...(opts.reminders ? [await noReminderLeftDue(sql)] : []),
    await installmentsChargedOnce(sql, fake),
    await statementSharesMatchStripe(sql, fake),
  ];
}

/** Every PaymentIntent Stripe holds is one payments row, in Stripe's final state. */
async function paymentIntentsRecordedOnce(sql: postgres.Sql, fake: StripeFake): Promise<Invariant> {
  // A PaymentIntent is one payments row (an invoice's) or one statement_payments row (several invoices').
  const rows = await sql<{ pi: string; n: number; status: string; invoice_id: string | null }[]>`
    SELECT pi, sum(n)::int AS n, min(status) AS status, min(invoice_id) AS invoice_id FROM (
      SELECT stripe_payment_intent_id AS pi, count(*) AS n, min(status::text) AS status, min(invoice_id::text) AS invoice_id
      FROM payments WHERE stripe_payment_intent_id IS NOT NULL GROUP BY 1
      UNION ALL
      SELECT stripe_payment_intent_id, count(*), min(status), NULL FROM statement_payments
      WHERE stripe_payment_intent_id IS NOT NULL GROUP BY 1) r GROUP BY pi`;
  const recorded = new Map(rows.map((r) => [r.pi, r]));
  const broken: string[] = [];
  for (const pi of fake.state.paymentIntents.values()) {
    const row = recorded.get(pi.id);
    if (!row) broken.push(`${pi.id} (${pi.status}) has no payments row`);
    else if (row.n !== 1) broken.push(`${pi.id} recorded ${row.n} times`);
    else if (stateOf(pi.status) !== stateOf(row.status))
      broken.push(`${pi.id}: Stripe ${pi.status}, ours ${row.status}`);
    else if (pi.metadata?.invoice_id && pi.metadata.invoice_id !== row.invoice_id)
      broken.push(`${pi.id} on the wrong invoice`);
  }
  for (const pi of recorded.keys())
    if (!fake.state.paymentIntents.has(pi)) broken.push(`${pi} unknown to Stripe`);
  return {
    name: 'every PaymentIntent recorded once, in Stripe’s state',
    checked: fake.state.paymentIntents.size,
    broken,
  };
}

/** What counts: a PaymentIntent that has not succeeded yet may still be requires_* on either side. */
function stateOf(status: string): string {
  return status === 'succeeded' || status === 'processing'
    ? status
    : status === 'canceled'
      ? 'canceled'
      : 'open';
}

/**
 * Every invoice's paid amount is what Stripe says succeeded for it, less refunds and lost chargebacks, its balance is
 * its total less that and its credit notes, and it is marked paid exactly when that balance is zero.
 */
async function balancesMatchLedger(sql: postgres.Sql, fake: StripeFake): Promise<Invariant> {
  const invoices = await sql<{ id: string; status: string; total: string; credited: string }[]>`
    SELECT i.id, i.status::text AS status, i.total_minor AS total,
      (SELECT COALESCE(SUM(amount_minor), 0) FROM credit_notes c WHERE c.invoice_id = i.id) AS credited
    FROM invoices i WHERE i.status IN ('open', 'paid')`;
  const links = await sql<
    {
      invoice_id: string;
      pi: string | null;
      amount: string;
      offline: boolean;
      status: string;
      reversed: number;
    }[]
  >`
    SELECT invoice_id, stripe_payment_intent_id AS pi, amount_minor AS amount, stripe_payment_intent_id IS NULL AS offline,
      status::text AS status, (chargeback_amount_minor + COALESCE((SELECT SUM(r.amount_minor) FROM refunds r
        WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0))::int AS reversed
    FROM payments p WHERE invoice_id IS NOT NULL`;
  const refunded = new Map<string, number>();
  for (const r of fake.state.refunds.values()) {
    if (r.status === 'succeeded' || r.status === 'pending') {
      const pi = typeof r.payment_intent === 'string' ? r.payment_intent : r.payment_intent?.id;
      if (pi) refunded.set(pi, (refunded.get(pi) ?? 0) + r.amount);
    }
  }
  // A lost chargeback takes the disputed amount back, as a refund does.
  for (const d of fake.state.disputes.values()) {
    if (d.status !== 'lost') continue;
    const pi = typeof d.payment_intent === 'string' ? d.payment_intent : d.payment_intent?.id;
    if (pi) refunded.set(pi, (refunded.get(pi) ?? 0) + d.amount);
  }
  const expected = new Map<string, number>();
  for (const p of links) {
    let amount = 0;
    // Offline payments and statement shares carry no PaymentIntent of their own: taken as recorded here, the shares
    // being checked against Stripe as a whole by statementSharesMatchStripe.
    if (p.offline) amount = p.status === 'succeeded' ? Number(p.amount) - p.reversed : 0;
    else {
      const pi = fake.state.paymentIntents.get(p.pi!);
      amount = pi?.status === 'succeeded' ? pi.amount - (refunded.get(pi.id) ?? 0) : 0;
    }
    expected.set(p.invoice_id, (expected.get(p.invoice_id) ?? 0) + amount);
  }
  const ledger = await sql<{ id: string; paid: string }[]>`
    SELECT i.id, (SELECT COALESCE(SUM(p.amount_minor - p.chargeback_amount_minor - COALESCE((SELECT SUM(r.amount_minor)
      FROM refunds r WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0)), 0)
      FROM payments p WHERE p.invoice_id = i.id AND p.status = 'succeeded') AS paid
    FROM invoices i WHERE i.status IN ('open', 'paid')`;
  const paid = new Map(ledger.map((r) => [r.id, Number(r.paid)]));
  const broken: string[] = [];
  for (const inv of invoices) {
    const want = expected.get(inv.id) ?? 0;
    const have = paid.get(inv.id) ?? 0;
    if (want !== have) broken.push(`invoice ${inv.id}: Stripe says ${want} paid, the ledger ${have}`);
    const balance = Math.max(0, Number(inv.total) - have - Number(inv.credited));
    if ((balance === 0) !== (inv.status === 'paid'))
      broken.push(`invoice ${inv.id}: balance ${balance} but ${inv.status}`);
  }
  return {
    name: 'every balance = total − (payments − refunds) − credit notes',
    checked: invoices.length,
    broken,
  };
}

/** A step is sent at most once per invoice, with at most one email. */
async function remindersAtMostOnce(sql: postgres.Sql): Promise<Invariant> {
  const [counts] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reminders`;
  const doubles = await sql<{ k: string; n: number }[]>`
    SELECT invoice_id || '/' || step_id AS k, count(*)::int AS n FROM reminders GROUP BY 1 HAVING count(*) > 1
    UNION ALL
    SELECT dedupe_key, count(*)::int FROM emails WHERE dedupe_key LIKE 'reminder:%' GROUP BY 1 HAVING count(*) > 1
    UNION ALL
    SELECT 'reminder ' || r.id || ' sent without its message', 1 FROM reminders r JOIN dunning_steps s ON s.id = r.step_id
      WHERE r.status = 'sent' AND s.channel IN ('email', 'letter') AND r.email_id IS NULL`;
  return {
    name: 'every (invoice, step) reminded at most once',
    checked: counts!.n,
    broken: doubles.map((d) => `${d.k}: ${d.n}`),
  };
}

/** After the last sweep, nothing is left claimed and a new sweep would find nothing due. */
async function noReminderLeftDue(sql: postgres.Sql): Promise<Invariant> {
  const claimed = await sql<{ id: string }[]>`SELECT id FROM reminders WHERE status = 'claimed'`;
  const unreminded = await sql<{ number: string }[]>`
    SELECT i.number FROM invoices i JOIN business b ON b.id = i.business_id
    WHERE b.country = 'GB' AND i.status = 'open' AND i.due_date <= (now() AT TIME ZONE b.time_zone)::date
      AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.invoice_id = i.id)
      AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = i.id AND p.status IN ('processing', 'succeeded'))`;
  const [open] = await sql<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM invoices i JOIN business b ON b.id = i.business_id
    WHERE b.country = 'GB' AND i.due_date <= (now() AT TIME ZONE b.time_zone)::date`;
  return {
    name: 'no reminder due left unsent',
    checked: open!.n,
    broken: [
      ...claimed.map((c) => `reminder ${c.id} still claimed`),
      ...unreminded.map((u) => `invoice ${u.number} due a step but never reminded`),
    ],
  };
}

/** No installment is paid twice, on our side or Stripe's; every part due was charged. */
async function installmentsChargedOnce(sql: postgres.Sql, fake: StripeFake): Promise<Invariant> {
  const byPart = new Map<string, number>();
  for (const pi of fake.state.paymentIntents.values()) {
    const part = pi.metadata?.installment_id;
    if (part && pi.status === 'succeeded') byPart.set(part, (byPart.get(part) ?? 0) + 1);
  }
  const parts = await sql<{ id: string; status: string; paid: number; due: boolean }[]>`
    SELECT i.id, i.status::text AS status, i.due_date <= current_date AS due,
      (SELECT count(*)::int FROM payments p WHERE p.installment_id = i.id AND p.status = 'succeeded') AS paid
    FROM installments i JOIN payment_plans pp ON pp.id = i.plan_id WHERE pp.status IN ('active', 'completed')`;
  const broken: string[] = [];
  for (const part of parts) {
    if (part.paid > 1) broken.push(`installment ${part.id}: ${part.paid} payments`);
    if ((byPart.get(part.id) ?? 0) > 1)
      broken.push(`installment ${part.id}: charged ${byPart.get(part.id)} times at Stripe`);
    if (part.due && part.status === 'scheduled') broken.push(`installment ${part.id}: due but never charged`);
  }
  return { name: 'no installment charged twice, none due left uncharged', checked: parts.length, broken };
}

/**
 * A statement payment's shares, net of the refunds and chargebacks reversed on them, add up to what Stripe kept of
 * its PaymentIntent (an excess that reached no invoice was refunded at Stripe): nothing lost, nothing credited twice.
 */
async function statementSharesMatchStripe(sql: postgres.Sql, fake: StripeFake): Promise<Invariant> {
  const rows = await sql<{ pi: string; shares: string }[]>`
    SELECT sp.stripe_payment_intent_id AS pi, COALESCE(SUM(p.amount_minor - p.chargeback_amount_minor
      - COALESCE((SELECT SUM(r.amount_minor) FROM refunds r WHERE r.payment_id = p.id
        AND r.status IN ('pending', 'succeeded')), 0)), 0) AS shares
    FROM statement_payments sp LEFT JOIN payments p ON p.statement_payment_id = sp.id AND p.status = 'succeeded'
    WHERE sp.stripe_payment_intent_id IS NOT NULL GROUP BY 1`;
  const broken: string[] = [];
  for (const row of rows) {
    const pi = fake.state.paymentIntents.get(row.pi);
    if (!pi) continue; // reported by paymentIntentsRecordedOnce
    let kept = pi.status === 'succeeded' ? pi.amount : 0;
    for (const r of fake.state.refunds.values()) {
      const of = typeof r.payment_intent === 'string' ? r.payment_intent : r.payment_intent?.id;
      if (of === pi.id && (r.status === 'succeeded' || r.status === 'pending')) kept -= r.amount;
    }
    for (const d of fake.state.disputes.values()) {
      const of = typeof d.payment_intent === 'string' ? d.payment_intent : d.payment_intent?.id;
      if (of === pi.id && d.status === 'lost') kept -= d.amount;
    }
    if (kept !== Number(row.shares))
      broken.push(`${pi.id}: Stripe kept ${kept}, the shares hold ${row.shares}`);
  }
  return { name: 'every multi-invoice payment’s shares = what Stripe kept', checked: rows.length, broken };
}
