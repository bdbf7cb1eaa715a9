import { and, desc, eq, lt, or, sql, like } from 'drizzle-orm';
import { events, users } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

export const AUDIT_PAGE = 50;

/** The kinds of event the audit log shows: settings, users and sessions, dunning policies. */
const AUDITED = ['settings.%', 'user.%', 'dunning.policy_%', 'dunning.step_%'];

/**
 * The business's audit trail, newest first, a page at a time (`before`: the creation time of the last row shown).
 * Each row names who acted (the user's name when it was a user) and carries the event's data (before/after).
 */
export async function listAuditLog(db: DbOrTx, businessId: string, before: Date | null) {
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      createdAt: events.createdAt,
      actorType: events.actorType,
      actorName: users.name,
      actorEmail: users.email,
      ip: events.ip,
      data: events.data,
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(
      and(
        eq(events.businessId, businessId),
        or(...AUDITED.map((p) => like(events.type, p))),
        before ? lt(events.createdAt, before) : undefined,
        sql`${events.invoiceId} IS NULL`,
      ),
    )
    .orderBy(desc(events.createdAt))
    .limit(AUDIT_PAGE + 1);
  const page = rows.slice(0, AUDIT_PAGE);
  return {
    rows: page.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    next: rows.length > AUDIT_PAGE ? page[page.length - 1]!.createdAt.toISOString() : null,
  };
}
