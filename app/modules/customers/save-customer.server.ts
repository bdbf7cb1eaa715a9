import { and, eq } from 'drizzle-orm';
import { customers } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import type { Db } from '~/utils/db.server';
import type { CustomerFields } from './customer-form.server';

/** Creates a customer of the business and records `customer.created`. */
export async function createCustomer(
  db: Db,
  input: { businessId: string; actor: Actor; fields: CustomerFields },
): Promise<{ customerId: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(customers)
      .values({ businessId: input.businessId, ...input.fields })
      .returning({ id: customers.id });
    await recordEvent(tx, {
      businessId: input.businessId,
      customerId: row!.id,
      type: 'customer.created',
      actor: input.actor,
      data: { name: input.fields.name },
    });
    return { customerId: row!.id };
  });
}

/**
 * Changes a customer's identity and terms, recording `customer.updated` with the before and after of each field
 * that changed. The row is locked first, so two edits at once apply one after the other and each records what it
 * changed; the same values again change nothing and record nothing.
 */
export async function updateCustomer(
  db: Db,
  input: { businessId: string; customerId: string; actor: Actor; fields: CustomerFields },
): Promise<{ ok: true; changed: string[] } | { ok: false; error: 'not_found' }> {
  if (!isUuid(input.customerId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(customers)
      .where(and(eq(customers.id, input.customerId), eq(customers.businessId, input.businessId)))
      .for('update');
    if (!current) return { ok: false, error: 'not_found' } as const;
    const keys = Object.keys(input.fields) as (keyof CustomerFields)[];
    const changed = keys.filter((k) => current[k] !== input.fields[k]);
    if (!changed.length) return { ok: true, changed } as const;
    const from = Object.fromEntries(changed.map((k) => [k, current[k]]));
    const to = Object.fromEntries(changed.map((k) => [k, input.fields[k]]));
    await tx.update(customers).set(to).where(eq(customers.id, current.id));
    await recordEvent(tx, {
      businessId: input.businessId,
      customerId: current.id,
      type: 'customer.updated',
      actor: input.actor,
      data: { changed, from, to },
    });
    return { ok: true, changed } as const;
  });
}
