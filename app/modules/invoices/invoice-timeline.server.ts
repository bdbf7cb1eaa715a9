import { and, desc, eq } from 'drizzle-orm';
import { events, users } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

export type TimelineEntry = {
  id: string;
  type: string;
  at: string;
  actorType: 'debtor' | 'user' | 'system' | 'stripe' | 'resend';
  actorName: string | null;
  data: Record<string, unknown>;
  /** Repeats folded into this entry (consecutive views), 1 otherwise. */
  count: number;
};

const LIMIT = 500;

/**
 * The invoice's events, newest first, with the name of the user behind each. Consecutive "viewed" events fold
 * into one entry that counts them, so a customer opening the page ten times does not bury everything else.
 */
export async function invoiceTimeline(
  db: DbOrTx,
  businessId: string,
  invoiceId: string,
): Promise<TimelineEntry[]> {
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      createdAt: events.createdAt,
      actorType: events.actorType,
      actorName: users.name,
      data: events.data,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(and(eq(events.invoiceId, invoiceId), eq(events.businessId, businessId)))
    .orderBy(desc(events.createdAt), desc(events.id))
    .limit(LIMIT);

  const entries: TimelineEntry[] = [];
  for (const row of rows) {
    const previous = entries.at(-1);
    if (row.type === 'invoice.viewed' && previous?.type === 'invoice.viewed') {
      previous.count++;
      continue;
    }
    entries.push({
      id: row.id,
      type: row.type,
      at: row.createdAt.toISOString(),
      actorType: row.actorType,
      actorName: row.actorName,
      data: row.data,
      count: 1,
    });
  }
  return entries;
}
