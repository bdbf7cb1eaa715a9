import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '~/utils/db.server';
import { AGING_BUCKETS, type AgingBucket, type AgingFilter } from './buckets';

export { AGING_BUCKETS, isAgingFilter, type AgingBucket, type AgingFilter } from './buckets';

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
  /** How many customer lines there are in all (`customers` may be one page of them). */
  customerCount: number;
};

/** SQL for the bucket a due date falls in, `today` being a date expression. */
export function bucketSql(dueDate: SQL, today: SQL): SQL {
  return sql`CASE WHEN ${dueDate} >= ${today} THEN 'current' WHEN ${dueDate} >= ${today} - 30 THEN 'days1to30'
    WHEN ${dueDate} >= ${today} - 60 THEN 'days31to60' WHEN ${dueDate} >= ${today} - 90 THEN 'days61to90'
    ELSE 'days90plus' END`;
}

/** The due dates a drill-down filter covers, as a condition on `dueDate`. */
export function bucketRangeSql(filter: AgingFilter, dueDate: SQL, today: SQL): SQL {
  switch (filter) {
    case 'current':
      return sql`${dueDate} >= ${today}`;
    case 'overdue':
      return sql`${dueDate} < ${today}`;
    case 'days1to30':
      return sql`${dueDate} < ${today} AND ${dueDate} >= ${today} - 30`;
    case 'days31to60':
      return sql`${dueDate} < ${today} - 30 AND ${dueDate} >= ${today} - 60`;
    case 'days61to90':
      return sql`${dueDate} < ${today} - 60 AND ${dueDate} >= ${today} - 90`;
    case 'days90plus':
      return sql`${dueDate} < ${today} - 90`;
  }
}

type Input = {
  businessId: string;
  now?: Date;
  customerId?: string;
  /** Only this currency's customer lines (the totals always cover every currency). */
  currency?: string;
  /** One page of customer lines; all of them when omitted (CSV export). */
  page?: { limit: number; offset: number };
};

/**
 * The per-customer, per-currency aging lines as SQL: open invoices with something left to pay (total less what
 * the ledger settled: succeeded payments net of refunds and lost chargebacks, and credit notes; see
 * invoices.settled_minor), bucketed by days past due in the business's time zone. Read from the partial index on
 * open invoices alone, so its cost follows the number of open invoices, not the history. Exposed for EXPLAIN.
 */
export function agingLinesSql(input: { businessId: string; today: string; customerId?: string }): SQL {
  const today = sql`${input.today}::date`;
  const customerFilter = input.customerId ? sql`AND i.customer_id = ${input.customerId}::uuid` : sql``;
  return sql`
    SELECT i.customer_id, i.currency,
      ${sql.join(
        AGING_BUCKETS.map(
          (
            b,
          ) => sql`COALESCE(SUM(i.total_minor - i.settled_minor) FILTER (WHERE ${bucketRangeSql(b, sql`i.due_date`, today)}), 0)::bigint
              AS ${sql.identifier(`a_${b}`)},
            COUNT(*) FILTER (WHERE ${bucketRangeSql(b, sql`i.due_date`, today)})::int AS ${sql.identifier(`n_${b}`)}`,
        ),
        sql`, `,
      )},
      SUM(i.total_minor - i.settled_minor)::bigint AS total,
      MIN(i.due_date) AS oldest_due
    FROM invoices i
    WHERE i.business_id = ${input.businessId}::uuid AND i.status = 'open' AND i.total_minor > i.settled_minor
      ${customerFilter}
    GROUP BY i.customer_id, i.currency`;
}

type Row = {
  customer_id: string | null;
  customer_name: string | null;
  currency: string;
  line_count: number;
  total: string | null;
  oldest_due: string | null;
} & Record<`a_${AgingBucket}` | `n_${AgingBucket}`, string | number>;

/**
 * What open invoices still owe, by how late they are, per currency, overall and by customer (who owes the most
 * first, then the oldest debt, then by name). One statement: the lines are computed once, then totalled and paged.
 */
export async function agingReport(db: DbOrTx, input: Input): Promise<AgingReport> {
  const now = input.now ?? new Date();
  const buckets = sql.join(
    AGING_BUCKETS.map((b) => sql`${sql.identifier(`a_${b}`)}, ${sql.identifier(`n_${b}`)}`),
    sql`, `,
  );
  const sums = sql.join(
    AGING_BUCKETS.map(
      (b) =>
        sql`SUM(${sql.identifier(`a_${b}`)})::bigint AS ${sql.identifier(`a_${b}`)}, SUM(${sql.identifier(`n_${b}`)})::int AS ${sql.identifier(`n_${b}`)}`,
    ),
    sql`, `,
  );
  const currencyFilter = input.currency ? sql`WHERE l.currency = ${input.currency}` : sql``;
  const paging = input.page ? sql`LIMIT ${input.page.limit} OFFSET ${input.page.offset}` : sql``;
  const today = await todayOf(db, input.businessId, now);
  const rows = await db.execute<Row>(sql`
    WITH lines AS MATERIALIZED (${agingLinesSql({ businessId: input.businessId, today, customerId: input.customerId })}),
    page AS (
      SELECT l.* FROM lines l ${currencyFilter}
      ORDER BY l.currency, l.total DESC, l.oldest_due, l.customer_id ${paging}
    )
    SELECT NULL::uuid AS customer_id, NULL AS customer_name, currency, ${sums},
      (SELECT count(*)::int FROM lines l ${currencyFilter}) AS line_count, NULL::bigint AS total,
      NULL::text AS oldest_due
    FROM lines GROUP BY currency
    UNION ALL
    SELECT p.customer_id, c.name, p.currency, ${buckets}, NULL, p.total, p.oldest_due::text
    FROM page p JOIN customers c ON c.id = p.customer_id`);
  const totals: AgingLine[] = [];
  const customers: (CustomerAgingLine & { oldestDue: string })[] = [];
  let customerCount = 0;
  for (const row of rows) {
    const line = toLine(row);
    if (row.customer_id) {
      customers.push({
        ...line,
        customerId: row.customer_id,
        customerName: row.customer_name ?? '',
        oldestDue: row.oldest_due ?? '',
      });
    } else {
      totals.push(line);
      customerCount = row.line_count;
    }
  }
  totals.sort((a, b) => a.currency.localeCompare(b.currency));
  // The page's order again (UNION ALL keeps none): who owes the most, then the oldest debt.
  customers.sort(
    (a, b) =>
      a.currency.localeCompare(b.currency) ||
      b.totalMinor - a.totalMinor ||
      a.oldestDue.localeCompare(b.oldestDue) ||
      (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  return {
    asOf: today,
    totals,
    customers: customers.map(({ oldestDue: _oldest, ...line }) => line),
    customerCount: totals.length ? customerCount : 0,
  };
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

export async function todayOf(db: DbOrTx, businessId: string, now: Date): Promise<string> {
  const [row] = await db.execute<{ d: string }>(
    sql`SELECT (${now.toISOString()}::timestamptz AT TIME ZONE time_zone)::date::text AS d FROM business WHERE id = ${businessId}::uuid`,
  );
  return row?.d ?? now.toISOString().slice(0, 10);
}
