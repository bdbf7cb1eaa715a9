import { desc, eq, sql } from 'drizzle-orm';
import { collectionCases, customers, invoices, users } from '#db/schema/index';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import type { DbOrTx } from '~/utils/db.server';

export const CASES_LIMIT = 500;

/** The business's invoices handed to an agency, the latest hand-off first, with what is still owed on each. */
export async function listCollectionCases(db: DbOrTx, businessId: string) {
  const id = sql`${invoices.id}`;
  const rows = await db
    .select({
      id: collectionCases.id,
      invoiceId: invoices.id,
      number: invoices.number,
      customerId: customers.id,
      customerName: customers.name,
      agencyName: collectionCases.agencyName,
      handedOn: collectionCases.handedOn,
      amountMinor: collectionCases.amountMinor,
      currency: collectionCases.currency,
      balanceMinor: sql<string>`greatest(0, ${invoices.totalMinor} - ${paidMinorSql(id)} - ${creditedMinorSql(id)})`,
    })
    .from(collectionCases)
    .innerJoin(invoices, eq(invoices.id, collectionCases.invoiceId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(collectionCases.businessId, businessId))
    .orderBy(desc(collectionCases.handedOn), desc(collectionCases.createdAt))
    .limit(CASES_LIMIT);
  return rows.map((r) => ({ ...r, balanceMinor: Number(r.balanceMinor) }));
}

/** The hand-off of one invoice (who, when, how much), or null when it is not at an agency. */
export async function findCollectionCase(db: DbOrTx, businessId: string, invoiceId: string) {
  const [row] = await db
    .select({
      agencyName: collectionCases.agencyName,
      handedOn: collectionCases.handedOn,
      amountMinor: collectionCases.amountMinor,
      currency: collectionCases.currency,
      note: collectionCases.note,
      handedByName: users.name,
    })
    .from(collectionCases)
    .leftJoin(users, eq(users.id, collectionCases.handedBy))
    .where(
      sql`${collectionCases.invoiceId} = ${invoiceId} AND ${collectionCases.businessId} = ${businessId}`,
    );
  return row ?? null;
}
