import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { business, contacts, customers, dunningPolicies, invoices } from '#db/schema/index';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import { escapeLike } from '~/modules/invoices/list-invoices.server';
import { isUuid } from '~/modules/dunning/ids';
import type { DbOrTx } from '~/utils/db.server';
import { daysBetween } from '~/utils/dates';

export const CUSTOMERS_PER_PAGE = 50;
import { suggestCreditPolicy, type CreditPolicy } from './credit-policies';
import { paymentRecord } from './payment-record.server';
import { searchText } from '~/utils/form.server';

export type Balance = { currency: string; balanceMinor: number };
export type CustomerAccountRow = {
  id: string;
  name: string;
  creditPolicy: CreditPolicy;
  /** Null: the business's default policy. */
  dunningPolicyId: string | null;
  dunningPolicyName: string | null;
  openInvoices: number;
  overdueInvoices: number;
  /** What is still owed on open invoices, one entry per currency (largest first). */
  balances: Balance[];
};

export type CustomerListFilter = { q: string; page: number };

export function parseCustomerListFilter(params: URLSearchParams): CustomerListFilter {
  const page = Number(params.get('page'));
  return {
    q: searchText(params.get('q')),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** Open invoices' balances per customer and currency, derived like the invoice list's (set-based). */
async function openBalances(db: DbOrTx, customerIds: string[], today: string) {
  if (!customerIds.length) return new Map<string, { balances: Balance[]; open: number; overdue: number }>();
  // Qualified by hand: drizzle leaves columns unqualified in a one-table query, and the ledger's subqueries would
  // then read their own table's id.
  const id = sql.raw('"invoices"."id"');
  const rows = await db
    .select({
      customerId: invoices.customerId,
      currency: invoices.currency,
      balance: sql<string>`sum(greatest(0, ${invoices.totalMinor} - ${paidMinorSql(id)} - ${creditedMinorSql(id)}))`,
      open: sql<number>`count(*)`.mapWith(Number),
      overdue: sql<number>`count(*) FILTER (WHERE ${invoices.dueDate} < ${today})`.mapWith(Number),
    })
    .from(invoices)
    .where(and(inArray(invoices.customerId, customerIds), eq(invoices.status, 'open')))
    .groupBy(invoices.customerId, invoices.currency);
  const map = new Map<string, { balances: Balance[]; open: number; overdue: number }>();
  for (const row of rows) {
    const entry = map.get(row.customerId) ?? { balances: [], open: 0, overdue: 0 };
    entry.balances.push({ currency: row.currency, balanceMinor: Number(row.balance) });
    entry.open += row.open;
    entry.overdue += row.overdue;
    map.set(row.customerId, entry);
  }
  for (const entry of map.values()) entry.balances.sort((a, b) => b.balanceMinor - a.balanceMinor);
  return map;
}

/** One page of the business's customers (not archived) by name, with their collection settings and balances. */
export async function listCustomerAccounts(
  db: DbOrTx,
  businessId: string,
  filter: CustomerListFilter,
  today: string,
): Promise<{ rows: CustomerAccountRow[]; total: number; pages: number }> {
  const where: SQL[] = [eq(customers.businessId, businessId), isNull(customers.archivedAt)];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    where.push(or(ilike(customers.name, pattern), ilike(customers.legalName, pattern))!);
  }
  const found = await db
    .select({
      id: customers.id,
      name: customers.name,
      creditPolicy: customers.creditPolicy,
      dunningPolicyId: customers.dunningPolicyId,
      dunningPolicyName: dunningPolicies.name,
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
    })
    .from(customers)
    .leftJoin(dunningPolicies, eq(dunningPolicies.id, customers.dunningPolicyId))
    .where(and(...where))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(CUSTOMERS_PER_PAGE)
    .offset((filter.page - 1) * CUSTOMERS_PER_PAGE);
  const balances = await openBalances(
    db,
    found.map((c) => c.id),
    today,
  );
  const total = found[0]?.total ?? 0;
  return {
    rows: found.map(({ total: _total, ...c }) => {
      const b = balances.get(c.id);
      return {
        ...c,
        openInvoices: b?.open ?? 0,
        overdueInvoices: b?.overdue ?? 0,
        balances: b?.balances ?? [],
      };
    }),
    total,
    pages: Math.max(1, Math.ceil(total / CUSTOMERS_PER_PAGE)),
  };
}

/**
 * One customer of the business with what its page shows: contacts, open invoices with their balances, its payment
 * record (paymentRecord) and the stricter credit policy the record calls for, if any (suggestCreditPolicy).
 */
export async function loadCustomerAccount(db: DbOrTx, businessId: string, customerId: string, today: string) {
  if (!isUuid(customerId)) return null;
  const [customer] = await db
    .select({
      id: customers.id,
      name: customers.name,
      legalName: customers.legalName,
      city: customers.city,
      siren: customers.siren,
      vatNumber: customers.vatNumber,
      currency: customers.currency,
      termsDays: customers.termsDays,
      creditPolicy: customers.creditPolicy,
      depositPercent: customers.depositPercent,
      dunningPolicyId: customers.dunningPolicyId,
      locale: customers.locale,
      archivedAt: customers.archivedAt,
      timeZone: business.timeZone,
      defaultTermsDays: business.defaultTermsDays,
    })
    .from(customers)
    .innerJoin(business, eq(business.id, customers.businessId))
    .where(and(eq(customers.id, customerId), eq(customers.businessId, businessId)));
  if (!customer) return null;
  const id = sql.raw('"invoices"."id"');
  const [people, open, record] = await Promise.all([
    db
      .select({
        id: contacts.id,
        name: contacts.name,
        email: contacts.email,
        phone: contacts.phone,
        roles: contacts.roles,
      })
      .from(contacts)
      .where(eq(contacts.customerId, customer.id))
      .orderBy(asc(contacts.createdAt)),
    db
      .select({
        id: invoices.id,
        number: invoices.number,
        dueDate: invoices.dueDate,
        currency: invoices.currency,
        balanceMinor:
          sql<string>`greatest(0, ${invoices.totalMinor} - ${paidMinorSql(id)} - ${creditedMinorSql(id)})`.mapWith(
            Number,
          ),
      })
      .from(invoices)
      .where(and(eq(invoices.customerId, customer.id), eq(invoices.status, 'open')))
      .orderBy(asc(invoices.dueDate)),
    paymentRecord(db, { customerId: customer.id, timeZone: customer.timeZone, today }),
  ]);
  return {
    customer: {
      ...customer,
      archivedAt: customer.archivedAt?.toISOString() ?? null,
      ownTermsDays: customer.termsDays,
      termsDays: customer.termsDays ?? customer.defaultTermsDays,
    },
    contacts: people,
    openInvoices: open.map((i) => ({ ...i, daysLate: Math.max(0, daysBetween(i.dueDate, today)) })),
    paymentRecord: record,
    suggestedPolicy: suggestCreditPolicy(customer.creditPolicy, record),
  };
}
