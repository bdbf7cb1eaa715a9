import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '~/utils/db.server';
import { bucketRangeSql, bucketSql, todayOf, type AgingBucket, type AgingFilter } from './aging.server';

export const AGING_INVOICES_PER_PAGE = 50;

export type AgingInvoiceRow = {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  currency: string;
  dueDate: string;
  daysLate: number;
  bucket: AgingBucket;
  totalMinor: number;
  balanceMinor: number;
};

/**
 * The invoices behind an aging figure: open, something left to pay, optionally one customer's, one currency's, one
 * bucket's (or every late one), the oldest due date first. Same open-invoice index and buckets as the report.
 */
export async function agingInvoices(
  db: DbOrTx,
  input: {
    businessId: string;
    now?: Date;
    customerId?: string | null;
    currency?: string | null;
    filter?: AgingFilter | null;
    page: number;
  },
) {
  const asOf = await todayOf(db, input.businessId, input.now ?? new Date());
  const today = sql`${asOf}::date`;
  const where: SQL[] = [
    sql`i.business_id = ${input.businessId}::uuid`,
    sql`i.status = 'open'`,
    sql`i.total_minor > i.settled_minor`,
  ];
  if (input.customerId) where.push(sql`i.customer_id = ${input.customerId}::uuid`);
  if (input.currency) where.push(sql`i.currency = ${input.currency}`);
  if (input.filter) where.push(bucketRangeSql(input.filter, sql`i.due_date`, today));
  const rows = await db.execute<{
    id: string;
    number: string;
    customer_id: string;
    customer_name: string;
    currency: string;
    due_date: string;
    days_late: number;
    bucket: AgingBucket;
    total_minor: string;
    balance_minor: string;
    n: number;
  }>(sql`
    SELECT i.id, i.number, i.customer_id, c.name AS customer_name, i.currency, i.due_date::text AS due_date,
      GREATEST(0, ${today} - i.due_date) AS days_late, ${bucketSql(sql`i.due_date`, today)} AS bucket,
      i.total_minor, i.total_minor - i.settled_minor AS balance_minor, count(*) OVER ()::int AS n
    FROM invoices i JOIN customers c ON c.id = i.customer_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY i.due_date, i.number
    LIMIT ${AGING_INVOICES_PER_PAGE} OFFSET ${(input.page - 1) * AGING_INVOICES_PER_PAGE}`);
  const total = rows[0]?.n ?? 0;
  return {
    asOf,
    total,
    pages: Math.max(1, Math.ceil(total / AGING_INVOICES_PER_PAGE)),
    rows: rows.map((r): AgingInvoiceRow => ({
      id: r.id,
      number: r.number,
      customerId: r.customer_id,
      customerName: r.customer_name,
      currency: r.currency,
      dueDate: r.due_date,
      daysLate: Number(r.days_late),
      bucket: r.bucket,
      totalMinor: Number(r.total_minor),
      balanceMinor: Number(r.balance_minor),
    })),
  };
}
