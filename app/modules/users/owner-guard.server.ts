import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { business, users } from '#db/schema/index';
import type { Tx } from '~/utils/db.server';

/**
 * Serialises changes to a business's users (role, disabling) on its business row, so two owners demoting each
 * other at the same moment cannot both succeed and leave no owner.
 */
export async function lockBusinessUsers(tx: Tx, businessId: string): Promise<void> {
  await tx.select({ id: business.id }).from(business).where(eq(business.id, businessId)).for('update');
}

/** Active owners other than `userId`; call after lockBusinessUsers. */
export async function otherActiveOwners(tx: Tx, businessId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.businessId, businessId),
        eq(users.role, 'owner'),
        isNull(users.disabledAt),
        ne(users.id, userId),
      ),
    );
  return row?.n ?? 0;
}
