import { and, asc, eq, isNull } from 'drizzle-orm';
import { business, customers } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

/**
 * The customers an invoice can be made out to (not archived), by name, each with its payment terms (its own, or
 * the business's default), its currency and its credit policy (the form says what the policy will do), plus the business settings the new-invoice form starts from.
 */
export async function invoiceFormContext(db: DbOrTx, businessId: string) {
  const [settings] = await db
    .select({
      timeZone: business.timeZone,
      defaultTermsDays: business.defaultTermsDays,
      currency: business.defaultCurrency,
      defaultVatExemption: business.defaultVatExemption,
    })
    .from(business)
    .where(eq(business.id, businessId));
  if (!settings) throw new Error(`no business ${businessId}`);
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      termsDays: customers.termsDays,
      currency: customers.currency,
      creditPolicy: customers.creditPolicy,
      depositPercent: customers.depositPercent,
    })
    .from(customers)
    .where(and(eq(customers.businessId, businessId), isNull(customers.archivedAt)))
    .orderBy(asc(customers.name));
  return {
    ...settings,
    customers: rows.map((c) => ({ ...c, termsDays: c.termsDays ?? settings.defaultTermsDays })),
  };
}
