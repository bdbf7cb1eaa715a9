import { sql } from 'drizzle-orm';
import { creditedMinorSql, paidMinorSql, processingMinorSql } from '~/modules/invoices/balance.server';
import type { DbOrTx } from '~/utils/db.server';
import { daysBetween } from '~/utils/dates';
import { hashToken, isWellFormedToken } from '~/utils/tokens.server';
import { allocatableMinor } from './allocate';

export type StatementCustomer = {
  linkId: string;
  customerId: string;
  businessId: string;
  customerName: string;
  business: {
    name: string;
    logoUrl: string | null;
    email: string;
    phone: string | null;
    timeZone: string;
    partialPaymentsAllowed: boolean;
  };
};

/**
 * Resolves a statement link to its customer in one query. Unknown, malformed, expired and revoked tokens (and an
 * archived customer) all give null, so every caller answers them with the same 404.
 */
export async function loadStatementCustomer(db: DbOrTx, token: string): Promise<StatementCustomer | null> {
  if (!isWellFormedToken(token)) return null;
  const rows = await db.execute<StatementCustomer & { business: StatementCustomer['business'] }>(sql`
    SELECT l.id AS "linkId", c.id AS "customerId", c.business_id AS "businessId", c.name AS "customerName",
      json_build_object('name', b.name, 'logoUrl', b.logo_url, 'email', COALESCE(b.email_reply_to, b.email),
        'phone', b.phone, 'timeZone', b.time_zone, 'partialPaymentsAllowed', b.partial_payments_allowed) AS business
    FROM statement_links l
    JOIN customers c ON c.id = l.customer_id AND c.archived_at IS NULL
    JOIN business b ON b.id = c.business_id
    WHERE l.token_hash = ${hashToken(token)} AND l.revoked_at IS NULL AND l.expires_at > now()`);
  return rows[0] ?? null;
}

export type StatementState = 'disputed' | 'promised' | 'plan' | 'processing' | 'late' | 'due';

export type StatementInvoice = {
  id: string;
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  daysLate: number;
  totalMinor: number;
  /** Received (net of refunds and chargebacks) plus credited. */
  paidMinor: number;
  balanceMinor: number;
  disputedMinor: number;
  /** On its way: a bank debit from the invoice page, or this invoice's share of a statement payment. */
  processingMinor: number;
  states: StatementState[];
  /** What may be paid from the statement now (0: not here; an invoice on a plan is paid through its plan). */
  payableMinor: number;
};

type Row = Omit<StatementInvoice, 'daysLate' | 'states' | 'payableMinor' | 'balanceMinor'> & {
  creditedMinor: number;
  receivedMinor: number;
  statementProcessingMinor: number;
  promisedDate: string | null;
  onPlan: boolean;
};

const n = (v: unknown) => Number(v ?? 0);

/**
 * Every open invoice of a customer with what the statement shows: dates, days late, amount, paid, balance, state
 * and what may be paid now. A share of a statement payment still processing counts as on its way, so it is not
 * offered twice.
 */
export async function openStatementInvoices(
  db: DbOrTx,
  customerId: string,
  today: string,
): Promise<StatementInvoice[]> {
  const id = sql`i.id`;
  const rows = await db.execute<Record<keyof Row, unknown>>(sql`
    SELECT i.id, i.number, i.currency, i.issue_date::text AS "issueDate", i.due_date::text AS "dueDate",
      i.total_minor AS "totalMinor", ${paidMinorSql(id)} AS "receivedMinor", ${creditedMinorSql(id)} AS "creditedMinor",
      ${processingMinorSql(id)} AS "processingMinor",
      (SELECT COALESCE(SUM(a.amount_minor), 0) FROM statement_payment_allocations a
        JOIN statement_payments sp ON sp.id = a.statement_payment_id
        WHERE a.invoice_id = i.id AND sp.status = 'processing' AND sp.applied_at IS NULL) AS "statementProcessingMinor",
      (SELECT COALESCE(SUM(d.amount_minor), 0) FROM disputes d
        WHERE d.invoice_id = i.id AND d.status IN ('waiting_for_us', 'waiting_for_them')) AS "disputedMinor",
      (SELECT p.promised_date::text FROM promises p WHERE p.invoice_id = i.id AND p.status = 'active') AS "promisedDate",
      EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.invoice_id = i.id AND pp.status IN ('pending', 'active')) AS "onPlan"
    FROM invoices i
    WHERE i.customer_id = ${customerId}::uuid AND i.status = 'open'
    ORDER BY i.due_date, i.number`);
  return rows.map((r) => {
    const totalMinor = n(r.totalMinor);
    const paidMinor = n(r.receivedMinor) + n(r.creditedMinor);
    const balanceMinor = Math.max(0, totalMinor - paidMinor);
    const disputedMinor = n(r.disputedMinor);
    const processingMinor = n(r.processingMinor) + n(r.statementProcessingMinor);
    const daysLate = Math.max(0, daysBetween(String(r.dueDate), today));
    const promised = r.promisedDate && String(r.promisedDate) >= today;
    const states: StatementState[] = [];
    if (disputedMinor > 0) states.push('disputed');
    if (r.onPlan) states.push('plan');
    if (promised) states.push('promised');
    if (processingMinor > 0) states.push('processing');
    if (!states.length) states.push(daysLate > 0 ? 'late' : 'due');
    const payableMinor = r.onPlan
      ? 0
      : Math.max(0, allocatableMinor({ balanceMinor, disputedMinor }) - processingMinor);
    return {
      id: String(r.id),
      number: String(r.number),
      currency: String(r.currency),
      issueDate: String(r.issueDate),
      dueDate: String(r.dueDate),
      daysLate,
      totalMinor,
      paidMinor,
      balanceMinor,
      disputedMinor,
      processingMinor,
      states,
      payableMinor,
    };
  });
}

export type PaidInvoice = {
  id: string;
  number: string;
  currency: string;
  totalMinor: number;
  paidOn: string;
};

/** The customer's invoices paid in the last 12 months, newest first. */
export async function recentlyPaidInvoices(db: DbOrTx, customerId: string, timeZone: string) {
  const rows = await db.execute<Record<keyof PaidInvoice, unknown>>(sql`
    SELECT i.id, i.number, i.currency, i.total_minor AS "totalMinor",
      to_char((i.paid_at AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS "paidOn"
    FROM invoices i
    WHERE i.customer_id = ${customerId}::uuid AND i.status = 'paid' AND i.paid_at > now() - interval '12 months'
    ORDER BY i.paid_at DESC LIMIT 200`);
  return rows.map((r): PaidInvoice => ({
    id: String(r.id),
    number: String(r.number),
    currency: String(r.currency),
    totalMinor: n(r.totalMinor),
    paidOn: String(r.paidOn),
  }));
}

export type CurrencyTotal = {
  currency: string;
  balanceMinor: number;
  overdueMinor: number;
  payableMinor: number;
};

/** Totals per currency (amounts in different currencies are never added up). */
export function totalsByCurrency(open: StatementInvoice[]): CurrencyTotal[] {
  const map = new Map<string, CurrencyTotal>();
  for (const i of open) {
    const t = map.get(i.currency) ?? {
      currency: i.currency,
      balanceMinor: 0,
      overdueMinor: 0,
      payableMinor: 0,
    };
    t.balanceMinor += i.balanceMinor;
    if (i.daysLate > 0) t.overdueMinor += i.balanceMinor;
    t.payableMinor += i.payableMinor;
    map.set(i.currency, t);
  }
  return [...map.values()].sort((a, b) => b.balanceMinor - a.balanceMinor);
}
