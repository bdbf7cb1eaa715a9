import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { sessions, users } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { isUuid } from './is-uuid';

/** One of the user's own sessions (a lost laptop). False when it is not theirs or already ended. */
export async function revokeOwnSession(
  db: Db,
  input: { businessId: string; userId: string; sessionId: string; actor: Actor },
): Promise<boolean> {
  if (!isUuid(input.sessionId)) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId), isNull(sessions.revokedAt)),
      )
      .returning({ id: sessions.id });
    if (!row) return false;
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'user.session_revoked',
      actor: input.actor,
      data: { userId: input.userId, sessionId: row.id },
    });
    return true;
  });
}

/** An owner ends every open session of a user of the business (or a user their own others, with `except`). */
export async function revokeUserSessions(
  db: Db,
  input: { businessId: string; userId: string; actor: Actor; except?: string },
): Promise<number> {
  if (!isUuid(input.userId)) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          inArray(
            sessions.userId,
            tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.id, input.userId), eq(users.businessId, input.businessId))),
          ),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
          input.except ? sql`${sessions.id} <> ${input.except}` : undefined,
        ),
      )
      .returning({ id: sessions.id });
    if (rows.length) {
      await recordEvent(tx, {
        businessId: input.businessId,
        type: 'user.sessions_revoked',
        actor: input.actor,
        data: { userId: input.userId, count: rows.length },
      });
    }
    return rows.length;
  });
}
