import { and, eq } from 'drizzle-orm';
import { contacts, customers } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import type { Db, Tx } from '~/utils/db.server';
import type { ContactFields } from './contact-form.server';

type Scope = { businessId: string; customerId: string; actor: Actor };
export type ContactResult =
  { ok: true; contactId: string; changed: boolean } | { ok: false; error: 'not_found' };

async function lockCustomer(tx: Tx, scope: Scope) {
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, scope.customerId), eq(customers.businessId, scope.businessId)))
    .for('update');
  return row ?? null;
}

/**
 * Adds a contact to a customer, or changes one (`contactId`). A changed email address is a new address to try: its
 * bounce suppression is lifted. Records `contact.added` / `contact.updated`; the same values again change nothing.
 */
export async function saveContact(
  db: Db,
  input: Scope & { contactId?: string | null; fields: ContactFields },
): Promise<ContactResult> {
  if (!isUuid(input.customerId) || (input.contactId && !isUuid(input.contactId)))
    return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, input))) return { ok: false, error: 'not_found' } as const;
    const base = { businessId: input.businessId, customerId: input.customerId, actor: input.actor };
    if (!input.contactId) {
      const [row] = await tx
        .insert(contacts)
        .values({ customerId: input.customerId, ...input.fields })
        .returning({ id: contacts.id });
      await recordEvent(tx, {
        ...base,
        type: 'contact.added',
        data: { contactId: row!.id, email: input.fields.email, roles: input.fields.roles },
      });
      return { ok: true, contactId: row!.id, changed: true } as const;
    }
    const [current] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.id, input.contactId), eq(contacts.customerId, input.customerId)));
    if (!current) return { ok: false, error: 'not_found' } as const;
    const f = input.fields;
    const same =
      current.name === f.name &&
      current.email === f.email &&
      current.phone === f.phone &&
      [...current.roles].sort().join() === [...f.roles].sort().join();
    if (same) return { ok: true, contactId: current.id, changed: false } as const;
    await tx
      .update(contacts)
      .set({ ...f, emailSuppressedAt: current.email === f.email ? current.emailSuppressedAt : null })
      .where(eq(contacts.id, current.id));
    await recordEvent(tx, {
      ...base,
      type: 'contact.updated',
      data: {
        contactId: current.id,
        from: { name: current.name, email: current.email, phone: current.phone, roles: current.roles },
        to: f,
      },
    });
    return { ok: true, contactId: current.id, changed: true } as const;
  });
}

/** Removes a contact; removing one already gone is a no-op (`changed: false`). */
export async function removeContact(db: Db, input: Scope & { contactId: string }): Promise<ContactResult> {
  if (!isUuid(input.customerId) || !isUuid(input.contactId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    if (!(await lockCustomer(tx, input))) return { ok: false, error: 'not_found' } as const;
    const [gone] = await tx
      .delete(contacts)
      .where(and(eq(contacts.id, input.contactId), eq(contacts.customerId, input.customerId)))
      .returning({ id: contacts.id, email: contacts.email });
    if (!gone) return { ok: true, contactId: input.contactId, changed: false } as const;
    await recordEvent(tx, {
      businessId: input.businessId,
      customerId: input.customerId,
      actor: input.actor,
      type: 'contact.removed',
      data: { contactId: gone.id, email: gone.email },
    });
    return { ok: true, contactId: gone.id, changed: true } as const;
  });
}
