import { sql } from 'drizzle-orm';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import type { DbOrTx } from '~/utils/db.server';

/** Days past the due date, in the business's time zone: due today or later is current; day 30 is 1-30, day 31 is 31-60. */
export const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'days90plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export type AgingLine = {
  currency: string;
  /** Open balance per bucket, minor units. */
  amounts: Record<AgingBucket, number>;
  /** Open invoices per bucket. */
  counts: Record<AgingBucket, number>;
  totalMinor: number;
  invoiceCount: number;
};

export type CustomerAgingLine = AgingLine & { customerId: string; customerName: string };

export type AgingReport = {
  /** Today in the business's time zone (YYYY-MM-DD): the day the ages are counted from. */
  asOf: string;
  /** One line per currency (amounts in different currencies are never added up). */
  totals: AgingLine[];
  /** One line per customer and currency, the customers owing the most (then the oldest debt) first. */
  customers: CustomerAgingLine[];
};

type Row = {
  as_of: string;
  customer_id: string | null;
  customer_name: string | null;
  currency: string;
  by_customer: boolean;
} & Record<`a_${AgingBucket}` | `n_${AgingBucket}`, string | number>;

/**
 * What open invoices still owe, by how late they are: the balance (total less succeeded payments net of refunds
 * and lost chargebacks, less credit notes), bucketed by days past due counted in the business's time zone, per
 * currency, overall and by customer. One set-based query; invoices with nothing left to pay are left out.
 */
export async function agingReport(
  db: DbOrTx,
  input: { businessId: string; now?: Date; customerId?: string },
): Promise<AgingReport> {
  const now = input.now ?? new Date();
  const id = sql`i.id`;
  const customerFilter = input.customerId ? sql`AND i.customer_id = ${input.customerId}::uuid` : sql``;
  const rows = await db.execute<Row>(sql`
    WITH today AS (
      SELECT (${now.toISOString()}::timestamptz AT TIME ZONE b.time_zone)::date AS d
      FROM business b WHERE b.id = ${input.businessId}::uuid
    ), open_balances AS (
      SELECT i.customer_id, i.currency, today.d - i.due_date AS days_late,
        i.total_minor - ${paidMinorSql(id)} - ${creditedMinorSql(id)} AS balance
      FROM invoices i CROSS JOIN today
      WHERE i.business_id = ${input.businessId}::uuid AND i.status = 'open' ${customerFilter}
    ), aged AS (
      SELECT customer_id, currency, balance,
        CASE WHEN days_late <= 0 THEN 'current' WHEN days_late <= 30 THEN 'days1to30'
          WHEN days_late <= 60 THEN 'days31to60' WHEN days_late <= 90 THEN 'days61to90' ELSE 'days90plus' END AS bucket
      FROM open_balances WHERE balance > 0
    )
    SELECT (SELECT d FROM today)::text AS as_of, a.customer_id, c.name AS customer_name, a.currency,
      GROUPING(a.customer_id) = 0 AS by_customer,
      ${sql.join(
        AGING_BUCKETS.map(
          (
            b,
          ) => sql`COALESCE(SUM(a.balance) FILTER (WHERE a.bucket = ${b}), 0) AS ${sql.identifier(`a_${b}`)},
            COUNT(*) FILTER (WHERE a.bucket = ${b}) AS ${sql.identifier(`n_${b}`)}`,
        ),
        sql`, `,
      )}
    FROM aged a JOIN customers c ON c.id = a.customer_id
    GROUP BY GROUPING SETS ((a.currency), (a.customer_id, c.name, a.currency))
  `);
  const [first] = rows;
  const asOf = first?.as_of ?? (await todayOf(db, input.businessId, now));
  const totals: AgingLine[] = [];
  const customers: CustomerAgingLine[] = [];
  for (const row of rows) {
    const line = toLine(row);
    if (row.by_customer) {
      customers.push({ ...line, customerId: row.customer_id!, customerName: row.customer_name ?? '' });
    } else totals.push(line);
  }
  totals.sort((a, b) => a.currency.localeCompare(b.currency));
  customers.sort(
    (a, b) =>
      a.currency.localeCompare(b.currency) ||
      b.totalMinor - a.totalMinor ||
      oldestBucket(b) - oldestBucket(a) ||
      a.customerName.localeCompare(b.customerName),
  );
  return { asOf, totals, customers };
}

function toLine(row: Row): AgingLine {
  const amounts = {} as Record<AgingBucket, number>;
  const counts = {} as Record<AgingBucket, number>;
  for (const b of AGING_BUCKETS) {
    amounts[b] = Number(row[`a_${b}`]);
    counts[b] = Number(row[`n_${b}`]);
  }
  return {
    currency: row.currency,
    amounts,
    counts,
    totalMinor: AGING_BUCKETS.reduce((sum, b) => sum + amounts[b], 0),
    invoiceCount: AGING_BUCKETS.reduce((sum, b) => sum + counts[b], 0),
  };
}

function oldestBucket(line: AgingLine): number {
  for (let i = AGING_BUCKETS.length - 1; i >= 0; i--) if (line.counts[AGING_BUCKETS[i]!] > 0) return i;
  return -1;
}

async function todayOf(db: DbOrTx, businessId: string, now: Date): Promise<string> {
  const [row] = await db.execute<{ d: string }>(
    sql`SELECT (${now.toISOString()}::timestamptz AT TIME ZONE time_zone)::date::text AS d FROM business WHERE id = ${businessId}::uuid`,
  );
  return row?.d ?? now.toISOString().slice(0, 10);
}
