import { events } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

export type Actor =
  | { type: 'user'; id: string; ip?: string | null; userAgent?: string | null }
  | { type: 'debtor'; ip?: string | null; userAgent?: string | null }
  | { type: 'system' | 'stripe' | 'resend' };

export type EventInput = {
  businessId: string;
  invoiceId?: string | null;
  customerId?: string | null;
  type: string;
  actor: Actor;
  data?: Record<string, unknown>;
  dedupeKey?: string;
};

/**
 * Appends to the timeline. Call it inside the transaction that makes the change it records. With a dedupeKey,
 * a repeat is silently dropped; returns whether a row was written.
 */
export async function recordEvent(tx: DbOrTx, input: EventInput): Promise<boolean> {
  const actor = input.actor;
  const rows = await tx
    .insert(events)
    .values({
      businessId: input.businessId,
      invoiceId: input.invoiceId ?? null,
      customerId: input.customerId ?? null,
      type: input.type,
      actorType: actor.type,
      actorId: actor.type === 'user' ? actor.id : null,
      ip: 'ip' in actor ? (actor.ip ?? null) : null,
      userAgent: 'userAgent' in actor ? (actor.userAgent?.slice(0, 512) ?? null) : null,
      data: input.data ?? {},
      dedupeKey: input.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: events.dedupeKey })
    .returning({ id: events.id });
  return rows.length > 0;
}
