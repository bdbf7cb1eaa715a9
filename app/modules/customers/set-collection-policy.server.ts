import { and, eq } from 'drizzle-orm';
import { customers, dunningPolicies } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import type { Db } from '~/utils/db.server';
import type { CreditPolicy } from './credit-policies';

export type CollectionPolicyInput = {
  businessId: string;
  customerId: string;
  /** Null (or the default policy's id): the business's default ladder. */
  dunningPolicyId: string | null;
  creditPolicy: CreditPolicy;
  actor: Actor;
};

export type CollectionPolicyResult =
  { ok: true; changed: string[] } | { ok: false; error: 'not_found' | 'policy_not_found' };

/**
 * Puts a customer on a dunning ladder of its own (chronic late payers: a tighter one) and sets its credit policy
 * for the next invoices (standard terms, deposit required, prepay only). Records `customer.policy_changed` with
 * the before and after of what changed; the same values again change nothing.
 */
export async function setCollectionPolicy(
  db: Db,
  input: CollectionPolicyInput,
): Promise<CollectionPolicyResult> {
  if (!isUuid(input.customerId)) return { ok: false, error: 'not_found' };
  if (input.dunningPolicyId !== null && !isUuid(input.dunningPolicyId))
    return { ok: false, error: 'policy_not_found' };
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({
        id: customers.id,
        dunningPolicyId: customers.dunningPolicyId,
        creditPolicy: customers.creditPolicy,
      })
      .from(customers)
      .where(and(eq(customers.id, input.customerId), eq(customers.businessId, input.businessId)))
      .for('update');
    if (!customer) return { ok: false, error: 'not_found' } as const;
    let policyId = input.dunningPolicyId;
    if (policyId) {
      // FOR SHARE: a policy being deleted at this moment either goes first (and is not found) or waits for us.
      const [policy] = await tx
        .select({ id: dunningPolicies.id, isDefault: dunningPolicies.isDefault })
        .from(dunningPolicies)
        .where(and(eq(dunningPolicies.id, policyId), eq(dunningPolicies.businessId, input.businessId)))
        .for('share');
      if (!policy) return { ok: false, error: 'policy_not_found' } as const;
      if (policy.isDefault) policyId = null;
    }
    const changed: string[] = [];
    if (customer.dunningPolicyId !== policyId) changed.push('dunningPolicyId');
    if (customer.creditPolicy !== input.creditPolicy) changed.push('creditPolicy');
    if (!changed.length) return { ok: true, changed } as const;
    await tx
      .update(customers)
      .set({ dunningPolicyId: policyId, creditPolicy: input.creditPolicy })
      .where(eq(customers.id, customer.id));
    await recordEvent(tx, {
      businessId: input.businessId,
      customerId: customer.id,
      type: 'customer.policy_changed',
      actor: input.actor,
      data: {
        changed,
        from: { dunningPolicyId: customer.dunningPolicyId, creditPolicy: customer.creditPolicy },
        to: { dunningPolicyId: policyId, creditPolicy: input.creditPolicy },
      },
    });
    return { ok: true, changed } as const;
  });
}
