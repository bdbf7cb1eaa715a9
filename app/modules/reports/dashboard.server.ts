import { sql, type SQL } from 'drizzle-orm';
import { addDaysIso } from '~/utils/dates';
import type { DbOrTx } from '~/utils/db.server';
import { localInstant } from '~/modules/dunning/business-calendar';
import { bucketRangeSql } from './aging.server';

/** The window DSO is measured over, in days (today included). */
export const DSO_DAYS = 90;
/** Months in the collections trend, this one included. */
export const TREND_MONTHS = 6;

export type CurrencyFigures = {
  currency: string;
  outstandingMinor: number;
  outstandingCount: number;
  overdueMinor: number;
  overdueCount: number;
  /** Succeeded payments received this month (business zone) less refunds made this month. */
  collectedThisMonthMinor: number;
  /** Invoiced (open, paid or uncollectible) over the DSO window, by issue date. */
  salesMinor: number;
  /**
   * Days sales outstanding over the last DSO_DAYS days: outstanding today / sales invoiced in the window x
   * DSO_DAYS (the "countback-free" standard formula), one decimal; null when nothing was invoiced in the window.
   */
  dsoDays: number | null;
  promisesDueMinor: number;
  promisesDueCount: number;
};

export type TrendPoint = { month: string; currency: string; netMinor: number };

export type Dashboard = {
  today: string;
  /** First day of this month (YYYY-MM-DD), business zone. */
  monthStart: string;
  /** Per currency, never added across currencies; sorted by currency. */
  currencies: CurrencyFigures[];
  openDisputes: number;
  /** Open tasks due today or earlier. */
  tasksDue: number;
  /** Net collected per month (YYYY-MM) and currency, the last TREND_MONTHS months, oldest first, gaps as 0. */
  trend: TrendPoint[];
};

export function dsoDays(outstandingMinor: number, salesMinor: number, days = DSO_DAYS): number | null {
  if (salesMinor <= 0) return null;
  return Math.round((outstandingMinor / salesMinor) * days * 10) / 10;
}

/** YYYY-MM-01 of the month `months` before the one `date` is in. */
export function monthStartBefore(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Everything the dashboard shows, as of `now` in the business's time zone. Each figure is a set-based query read
 * from an index made for it (open invoices, sales by issue date, collections by date), run side by side.
 */
export async function dashboardFigures(
  db: DbOrTx,
  input: { businessId: string; now?: Date },
): Promise<Dashboard> {
  const now = input.now ?? new Date();
  const business = sql`${input.businessId}::uuid`;
  const [zone] = await db.execute<{ today: string; time_zone: string }>(sql`
    SELECT (${now.toISOString()}::timestamptz AT TIME ZONE time_zone)::date::text AS today, time_zone
    FROM business WHERE id = ${business}`);
  const today = zone?.today ?? now.toISOString().slice(0, 10);
  const timeZone = zone?.time_zone ?? 'UTC';
  const monthStart = monthStartBefore(today, 0);
  const dsoStart = addDaysIso(today, -(DSO_DAYS - 1));
  const todayDate = sql`${today}::date`;
  const months = Array.from({ length: TREND_MONTHS }, (_, i) =>
    monthStartBefore(today, TREND_MONTHS - 1 - i),
  );
  // Month i runs from local midnight on its first day to the next one's (the last: to tomorrow's): instants
  // computed once here, so the payments are bucketed straight from the index without a time zone sum per row.
  const edges = [...months, addDaysIso(today, 1)].map((d) => localInstant(d, 0, 0, timeZone).toISOString());
  const edgesSql = sql`${`{${edges.join(',')}}`}::timestamptz[]`;
  const monthOf = (instant: SQL) => sql`width_bucket(${instant}, ${edgesSql})`;
  const [open, sales, collected, refunds, promisesDue, counts] = await Promise.all([
    db.execute<{ currency: string; outstanding: string; n: number; overdue: string; n_overdue: number }>(sql`
      SELECT i.currency, SUM(i.total_minor - i.settled_minor)::bigint AS outstanding, count(*)::int AS n,
        COALESCE(SUM(i.total_minor - i.settled_minor) FILTER (WHERE ${bucketRangeSql('overdue', sql`i.due_date`, todayDate)}), 0)::bigint AS overdue,
        count(*) FILTER (WHERE ${bucketRangeSql('overdue', sql`i.due_date`, todayDate)})::int AS n_overdue
      FROM invoices i
      WHERE i.business_id = ${business} AND i.status = 'open' AND i.total_minor > i.settled_minor
      GROUP BY i.currency`),
    db.execute<{ currency: string; sales: string }>(sql`
      SELECT currency, SUM(total_minor)::bigint AS sales FROM invoices
      WHERE business_id = ${business} AND status IN ('open', 'paid', 'uncollectible')
        AND issue_date BETWEEN ${dsoStart}::date AND ${todayDate}
      GROUP BY currency`),
    db.execute<{ month: number; currency: string; received: string }>(sql`
      SELECT ${monthOf(sql`p.succeeded_at`)} AS month, p.currency, SUM(p.amount_minor)::bigint AS received
      FROM payments p
      WHERE p.business_id = ${business} AND p.status = 'succeeded'
        AND p.succeeded_at >= ${edges[0]}::timestamptz AND p.succeeded_at < ${edges[TREND_MONTHS]}::timestamptz
      GROUP BY 1, 2`),
    db.execute<{ month: number; currency: string; refunded: string }>(sql`
      SELECT ${monthOf(sql`r.created_at`)} AS month, p.currency, SUM(r.amount_minor)::bigint AS refunded
      FROM refunds r JOIN payments p ON p.id = r.payment_id
      WHERE p.business_id = ${business} AND r.status IN ('pending', 'succeeded')
        AND r.created_at >= ${edges[0]}::timestamptz AND r.created_at < ${edges[TREND_MONTHS]}::timestamptz
      GROUP BY 1, 2`),
    db.execute<{ currency: string; amount: string; n: number }>(sql`
      SELECT i.currency, SUM(COALESCE(pr.amount_minor, GREATEST(0, i.total_minor - i.settled_minor)))::bigint AS amount,
        count(*)::int AS n
      FROM promises pr JOIN invoices i ON i.id = pr.invoice_id
      WHERE pr.status = 'active' AND pr.promised_date BETWEEN ${todayDate} AND ${addDaysIso(today, 6)}::date
        AND i.business_id = ${business} AND i.status = 'open'
      GROUP BY i.currency`),
    db.execute<{ disputes: number; tasks: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM disputes d JOIN invoices i ON i.id = d.invoice_id
          WHERE d.status IN ('waiting_for_us', 'waiting_for_them') AND i.business_id = ${business}) AS disputes,
        (SELECT count(*)::int FROM tasks t
          WHERE t.business_id = ${business} AND t.status = 'open' AND t.due_on <= ${todayDate}) AS tasks`),
  ]);

  // width_bucket numbers the months from 1.
  const monthKey = (bucket: number) => months[bucket - 1]!.slice(0, 7);
  const net = new Map<string, number>();
  for (const r of collected) net.set(`${monthKey(r.month)}|${r.currency}`, Number(r.received));
  for (const r of refunds) {
    const key = `${monthKey(r.month)}|${r.currency}`;
    net.set(key, (net.get(key) ?? 0) - Number(r.refunded));
  }
  const currencySet = new Set<string>([
    ...open.map((r) => r.currency),
    ...sales.map((r) => r.currency),
    ...collected.map((r) => r.currency),
    ...promisesDue.map((r) => r.currency),
  ]);
  const currencies = [...currencySet].sort();
  const thisMonth = today.slice(0, 7);
  return {
    today,
    monthStart,
    currencies: currencies.map((currency) => {
      const o = open.find((r) => r.currency === currency);
      const s = Number(sales.find((r) => r.currency === currency)?.sales ?? 0);
      const p = promisesDue.find((r) => r.currency === currency);
      const outstandingMinor = Number(o?.outstanding ?? 0);
      return {
        currency,
        outstandingMinor,
        outstandingCount: o?.n ?? 0,
        overdueMinor: Number(o?.overdue ?? 0),
        overdueCount: o?.n_overdue ?? 0,
        collectedThisMonthMinor: net.get(`${thisMonth}|${currency}`) ?? 0,
        salesMinor: s,
        dsoDays: dsoDays(outstandingMinor, s),
        promisesDueMinor: Number(p?.amount ?? 0),
        promisesDueCount: p?.n ?? 0,
      };
    }),
    openDisputes: counts[0]?.disputes ?? 0,
    tasksDue: counts[0]?.tasks ?? 0,
    trend: currencies.flatMap((currency) =>
      months.map((start) => {
        const month = start.slice(0, 7);
        return { month, currency, netMinor: net.get(`${month}|${currency}`) ?? 0 };
      }),
    ),
  };
}
