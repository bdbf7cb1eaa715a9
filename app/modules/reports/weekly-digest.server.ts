import { TZDate } from '@date-fns/tz';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';
import { sql } from 'drizzle-orm';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import { addDaysIso } from '~/utils/dates';
import type { DbOrTx } from '~/utils/db.server';
import { agingReport, type AgingLine } from './aging.server';

/** The digest goes out on Monday from this local hour on (the worker checks every hour). */
export const DIGEST_HOUR = 7;

export type DigestWeek = {
  /** Today in the business's zone (YYYY-MM-DD). */
  today: string;
  /** ISO week of today in the business's zone, e.g. 2026-W10: one digest per business and week. */
  isoWeek: string;
  /** Whether it is Monday, DIGEST_HOUR or later, in the business's zone. */
  due: boolean;
};

export function digestWeek(timeZone: string, now: Date): DigestWeek {
  const local = new TZDate(now, timeZone);
  return {
    today: format(local, 'yyyy-MM-dd'),
    isoWeek: `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`,
    due: local.getDay() === 1 && local.getHours() >= DIGEST_HOUR,
  };
}

export type CollectedLine = {
  currency: string;
  /** Succeeded payments recorded in the period. */
  receivedMinor: number;
  paymentCount: number;
  /** Refunds made in the period (whatever payment they refund). */
  refundedMinor: number;
  /** received - refunded. */
  netMinor: number;
};

export type DigestPromise = {
  invoiceId: string;
  invoiceNumber: string;
  customerName: string;
  promisedDate: string;
  /** The promised amount, or the invoice's balance when the promise named none. */
  amountMinor: number;
  currency: string;
};

export type DigestDisputes = {
  openCount: number;
  oldest: {
    invoiceNumber: string;
    customerName: string;
    openedOn: string;
    amountMinor: number;
    currency: string;
  } | null;
};

export type WeeklyDigestData = DigestWeek & {
  /** The seven days the "collected" figures cover: last Monday to yesterday when sent on a Monday. */
  periodFrom: string;
  periodTo: string;
  aging: AgingLine[];
  collected: CollectedLine[];
  /** Active promises falling due from today to six days on. */
  promisesDue: DigestPromise[];
  /** Promises marked broken in the period, and active ones whose date has passed on an invoice still open. */
  promisesBroken: DigestPromise[];
  disputes: DigestDisputes;
};

/**
 * The figures of one business's weekly digest, as of `now` in its time zone: what is owed by age, what came in
 * over the last seven days, the promises falling due this week (and the broken ones), and the open disputes.
 */
export async function weeklyDigestData(
  db: DbOrTx,
  input: { businessId: string; timeZone: string; now: Date },
): Promise<WeeklyDigestData> {
  const week = digestWeek(input.timeZone, input.now);
  const periodFrom = addDaysIso(week.today, -7);
  const periodTo = addDaysIso(week.today, -1);
  const businessId = sql`${input.businessId}::uuid`;
  const tz = input.timeZone;

  const [aging, collected, promises, disputes] = await Promise.all([
    // Totals only: no customer lines (LIMIT 0).
    agingReport(db, { businessId: input.businessId, now: input.now, page: { limit: 0, offset: 0 } }),
    db.execute<{ currency: string; received: string; n: number; refunded: string }>(sql`
      SELECT currency, SUM(received)::bigint AS received, SUM(n)::int AS n, SUM(refunded)::bigint AS refunded FROM (
        SELECT p.currency, p.amount_minor AS received, 1 AS n, 0 AS refunded FROM payments p
        WHERE p.business_id = ${businessId} AND p.status = 'succeeded'
          AND (COALESCE(p.succeeded_at, p.created_at) AT TIME ZONE ${tz})::date BETWEEN ${periodFrom}::date AND ${periodTo}::date
        UNION ALL
        SELECT p.currency, 0, 0, r.amount_minor FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE p.business_id = ${businessId} AND r.status IN ('pending', 'succeeded')
          AND (r.created_at AT TIME ZONE ${tz})::date BETWEEN ${periodFrom}::date AND ${periodTo}::date
      ) x GROUP BY currency ORDER BY currency`),
    db.execute<{
      invoice_id: string;
      number: string;
      customer_name: string;
      promised_date: string;
      amount: string;
      currency: string;
      broken: boolean;
    }>(sql`
      SELECT i.id AS invoice_id, i.number, c.name AS customer_name, pr.promised_date::text AS promised_date,
        COALESCE(pr.amount_minor, GREATEST(0, i.total_minor - ${paidMinorSql(sql`i.id`)} - ${creditedMinorSql(sql`i.id`)})) AS amount,
        i.currency, pr.status <> 'active' OR pr.promised_date < ${week.today}::date AS broken
      FROM promises pr JOIN invoices i ON i.id = pr.invoice_id JOIN customers c ON c.id = i.customer_id
      WHERE i.business_id = ${businessId} AND (
        (pr.status = 'active' AND i.status = 'open' AND pr.promised_date <= ${addDaysIso(week.today, 6)}::date)
        OR (pr.status = 'broken' AND (pr.resolved_at AT TIME ZONE ${tz})::date BETWEEN ${periodFrom}::date AND ${periodTo}::date))
      ORDER BY pr.promised_date, i.number`),
    db.execute<{
      open_count: number;
      number: string | null;
      customer_name: string | null;
      opened_on: string | null;
      amount: string | null;
      currency: string | null;
    }>(sql`
      WITH open AS (
        SELECT d.opened_at, d.amount_minor, i.number, i.currency, c.name AS customer_name
        FROM disputes d JOIN invoices i ON i.id = d.invoice_id JOIN customers c ON c.id = i.customer_id
        WHERE i.business_id = ${businessId} AND d.status IN ('waiting_for_us', 'waiting_for_them')
      )
      SELECT (SELECT count(*)::int FROM open) AS open_count, o.number, o.customer_name,
        (o.opened_at AT TIME ZONE ${tz})::date::text AS opened_on, o.amount_minor AS amount, o.currency
      FROM (SELECT 1) one LEFT JOIN (SELECT * FROM open ORDER BY opened_at LIMIT 1) o ON true`),
  ]);

  const toPromise = (row: (typeof promises)[number]): DigestPromise => ({
    invoiceId: row.invoice_id,
    invoiceNumber: row.number,
    customerName: row.customer_name,
    promisedDate: row.promised_date,
    amountMinor: Number(row.amount),
    currency: row.currency,
  });
  const [d] = disputes;
  return {
    ...week,
    periodFrom,
    periodTo,
    aging: aging.totals,
    collected: collected.map((row) => ({
      currency: row.currency,
      receivedMinor: Number(row.received),
      paymentCount: row.n,
      refundedMinor: Number(row.refunded),
      netMinor: Number(row.received) - Number(row.refunded),
    })),
    promisesDue: promises.filter((p) => !p.broken).map(toPromise),
    promisesBroken: promises.filter((p) => p.broken).map(toPromise),
    disputes: {
      openCount: d?.open_count ?? 0,
      oldest:
        d?.number && d.opened_on
          ? {
              invoiceNumber: d.number,
              customerName: d.customer_name ?? '',
              openedOn: d.opened_on,
              amountMinor: Number(d.amount),
              currency: d.currency ?? '',
            }
          : null,
    },
  };
}
