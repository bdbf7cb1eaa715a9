import { and, eq } from 'drizzle-orm';
import { dunningPolicies, dunningSteps } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { DEFAULT_LADDER } from './default-ladder';

/**
 * The business's default dunning policy, created from DEFAULT_LADDER the first time it is asked for. Safe under
 * concurrency: a partial unique index allows one default per business, and a losing insert reads the winner's row.
 */
export async function ensureDefaultPolicy(tx: DbOrTx, businessId: string): Promise<string> {
  const existing = await findDefault(tx, businessId);
  if (existing) return existing;
  const [created] = await tx
    .insert(dunningPolicies)
    .values({ businessId, name: 'Standard', isDefault: true })
    .onConflictDoNothing()
    .returning({ id: dunningPolicies.id });
  if (!created) return (await findDefault(tx, businessId))!;
  await tx.insert(dunningSteps).values(DEFAULT_LADDER.map((step) => ({ ...step, policyId: created.id })));
  return created.id;
}

async function findDefault(tx: DbOrTx, businessId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: dunningPolicies.id })
    .from(dunningPolicies)
    .where(and(eq(dunningPolicies.businessId, businessId), eq(dunningPolicies.isDefault, true)));
  return row?.id;
}
