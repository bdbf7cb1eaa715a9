import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { customers, dunningPolicies, dunningSteps, reminders } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db, DbOrTx } from '~/utils/db.server';
import { DEFAULT_LADDER } from './default-ladder';
import { ensureDefaultPolicy } from './ensure-default-policy.server';
import { isUuid } from './ids';

export type PolicySummary = {
  id: string;
  name: string;
  isDefault: boolean;
  stepCount: number;
  /** Customers whose own policy this is (the default also covers every customer without one). */
  customerCount: number;
};

/** The business's policies, the default first, then by name; the default ladder is created if missing. */
export async function listPolicies(db: Db, businessId: string): Promise<PolicySummary[]> {
  await ensureDefaultPolicy(db, businessId);
  const rows = await db
    .select({
      id: dunningPolicies.id,
      name: dunningPolicies.name,
      isDefault: dunningPolicies.isDefault,
      // Spelled out: drizzle leaves columns unqualified in a one-table query, which a subquery would capture.
      stepCount: sql<number>`(SELECT count(*) FROM dunning_steps s
        WHERE s.policy_id = dunning_policies.id AND s.archived_at IS NULL)`.mapWith(Number),
      customerCount: sql<number>`(SELECT count(*) FROM customers c
        WHERE c.dunning_policy_id = dunning_policies.id AND c.archived_at IS NULL)`.mapWith(Number),
    })
    .from(dunningPolicies)
    .where(eq(dunningPolicies.businessId, businessId))
    .orderBy(desc(dunningPolicies.isDefault), asc(dunningPolicies.name), asc(dunningPolicies.createdAt));
  return rows;
}

/** One of the business's policies, or null (also for an id that is not a UUID or belongs to someone else). */
export async function findPolicy(db: DbOrTx, businessId: string, policyId: string) {
  if (!isUuid(policyId)) return null;
  const [row] = await db
    .select()
    .from(dunningPolicies)
    .where(and(eq(dunningPolicies.id, policyId), eq(dunningPolicies.businessId, businessId)));
  return row ?? null;
}

type Scope = { businessId: string; actor: Actor };

/**
 * A new, non-default policy: a copy of the default policy's current ladder (`from: 'default'`), or no step at
 * all. Records `dunning.policy_created`.
 */
export async function createPolicy(
  db: Db,
  input: Scope & { name: string; from: 'default' | 'empty' },
): Promise<{ policyId: string }> {
  return db.transaction(async (tx) => {
    const defaultId = await ensureDefaultPolicy(tx, input.businessId);
    const [policy] = await tx
      .insert(dunningPolicies)
      .values({ businessId: input.businessId, name: input.name, isDefault: false })
      .returning({ id: dunningPolicies.id });
    const policyId = policy!.id;
    if (input.from === 'default') {
      const ladder = await tx
        .select()
        .from(dunningSteps)
        .where(and(eq(dunningSteps.policyId, defaultId), isNull(dunningSteps.archivedAt)))
        .orderBy(asc(dunningSteps.offsetDays));
      const source = ladder.length ? ladder : DEFAULT_LADDER;
      await tx.insert(dunningSteps).values(
        source.map((s) => ({
          policyId,
          offsetDays: s.offsetDays,
          channel: s.channel,
          tone: s.tone,
          subjectFr: s.subjectFr,
          bodyFr: s.bodyFr,
          subjectEn: s.subjectEn,
          bodyEn: s.bodyEn,
        })),
      );
    }
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'dunning.policy_created',
      actor: input.actor,
      data: { policyId, name: input.name, from: input.from },
    });
    return { policyId };
  });
}

export async function renamePolicy(
  db: Db,
  input: Scope & { policyId: string; name: string },
): Promise<{ ok: true; changed: boolean } | { ok: false; error: 'not_found' }> {
  return db.transaction(async (tx) => {
    const policy = await findPolicy(tx, input.businessId, input.policyId);
    if (!policy) return { ok: false, error: 'not_found' } as const;
    if (policy.name === input.name) return { ok: true, changed: false } as const;
    await tx.update(dunningPolicies).set({ name: input.name }).where(eq(dunningPolicies.id, policy.id));
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'dunning.policy_renamed',
      actor: input.actor,
      data: { policyId: policy.id, from: policy.name, to: input.name },
    });
    return { ok: true, changed: true } as const;
  });
}

export type DeletePolicyError = 'not_found' | 'is_default' | 'has_customers' | 'has_reminders';

/**
 * Deletes a policy nobody uses: never the default, never one a customer is on, never one whose steps already
 * reminded someone (their history must stay readable). The customer check runs under a lock on the policy row,
 * so a customer being moved onto it at the same moment either lands first (and blocks this) or fails.
 */
export async function deletePolicy(
  db: Db,
  input: Scope & { policyId: string },
): Promise<{ ok: true } | { ok: false; error: DeletePolicyError }> {
  return db.transaction(async (tx) => {
    if (!isUuid(input.policyId)) return { ok: false, error: 'not_found' } as const;
    const [policy] = await tx
      .select()
      .from(dunningPolicies)
      .where(and(eq(dunningPolicies.id, input.policyId), eq(dunningPolicies.businessId, input.businessId)))
      .for('update');
    if (!policy) return { ok: false, error: 'not_found' } as const;
    if (policy.isDefault) return { ok: false, error: 'is_default' } as const;
    const [users] = await tx
      .select({ n: count() })
      .from(customers)
      .where(eq(customers.dunningPolicyId, policy.id));
    if (users && users.n > 0) return { ok: false, error: 'has_customers' } as const;
    const stepIds = tx
      .select({ id: dunningSteps.id })
      .from(dunningSteps)
      .where(eq(dunningSteps.policyId, policy.id));
    const [used] = await tx.select({ n: count() }).from(reminders).where(inArray(reminders.stepId, stepIds));
    if (used && used.n > 0) return { ok: false, error: 'has_reminders' } as const;
    await tx.delete(dunningPolicies).where(eq(dunningPolicies.id, policy.id));
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'dunning.policy_deleted',
      actor: input.actor,
      data: { policyId: policy.id, name: policy.name },
    });
    return { ok: true } as const;
  });
}
