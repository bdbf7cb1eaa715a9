import { and, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { customers, invoices } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { creditedMinorSql, paidMinorSql } from './balance.server';
import { INVOICE_STATUSES, type InvoiceStatus } from './form-options';
import { searchText } from '~/utils/form.server';

export const INVOICES_PER_PAGE = 50;

export type InvoiceListFilter = { status: InvoiceStatus | null; q: string; page: number };

export type InvoiceListRow = {
  id: string;
  number: string | null;
  status: InvoiceStatus;
  customerName: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  totalMinor: number;
  balanceMinor: number;
};

/** Reads the list's query string; anything unexpected falls back to "all, page 1". */
export function parseInvoiceListFilter(params: URLSearchParams): InvoiceListFilter {
  const status = params.get('status');
  const page = Number(params.get('page'));
  return {
    status: (INVOICE_STATUSES as readonly string[]).includes(status ?? '') ? (status as InvoiceStatus) : null,
    q: searchText(params.get('q')),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** `%`, `_` and `\` typed by the user match themselves, not any character. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of the business's invoices, newest first, with each balance derived in the same query (set-based:
 * correlated sums per row, no query per invoice) and the total count of matches.
 */
export async function listInvoices(
  db: DbOrTx,
  businessId: string,
  filter: InvoiceListFilter,
): Promise<{ rows: InvoiceListRow[]; total: number; pages: number }> {
  const where: SQL[] = [eq(invoices.businessId, businessId)];
  if (filter.status) where.push(eq(invoices.status, filter.status));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    where.push(or(ilike(invoices.number, pattern), ilike(customers.name, pattern))!);
  }
  const id = sql`${invoices.id}`;
  const found = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      customerName: customers.name,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      currency: invoices.currency,
      totalMinor: invoices.totalMinor,
      paidMinor: sql<string>`${paidMinorSql(id)}`,
      creditedMinor: sql<string>`${creditedMinorSql(id)}`,
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...where))
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(INVOICES_PER_PAGE)
    .offset((filter.page - 1) * INVOICES_PER_PAGE);

  const total = found[0]?.total ?? (filter.page > 1 ? await countInvoices(db, where) : 0);
  return {
    rows: found.map(({ paidMinor, creditedMinor, total: _count, ...row }) => ({
      ...row,
      balanceMinor: Math.max(0, row.totalMinor - Number(paidMinor) - Number(creditedMinor)),
    })),
    total,
    pages: Math.max(1, Math.ceil(total / INVOICES_PER_PAGE)),
  };
}

/** Only for a page past the end, where the window count has no row to ride on. */
async function countInvoices(db: DbOrTx, where: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(...where));
  return row?.n ?? 0;
}
