import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResets, sessions, users } from '#db/schema/index';
import { hashPassword } from '~/modules/auth/password.server';
import { recordEvent } from '~/modules/audit/record-event.server';
import type { Db, DbOrTx } from '~/utils/db.server';
import { hashToken, isWellFormedToken } from '~/utils/tokens.server';
import { openSession } from './open-session.server';

function pending(token: string, now: Date) {
  return and(
    eq(passwordResets.tokenHash, hashToken(token)),
    isNull(passwordResets.usedAt),
    gt(passwordResets.expiresAt, now),
  );
}

/** Whether a reset link can still be used (for the page's GET). */
export async function isResetLinkValid(db: DbOrTx, token: string, now = new Date()): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(pending(token, now), isNull(users.disabledAt)));
  return Boolean(row);
}

/**
 * Sets the new password. The link is claimed by a guarded update, so it works once; every session the user had
 * ends (whoever knew the old password is out), the lock-out is lifted, and a fresh session opens here.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ ok: true; sessionToken: string; expiresAt: Date } | { ok: false }> {
  if (!isWellFormedToken(input.token)) return { ok: false };
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  return db.transaction(async (tx) => {
    const [reset] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(pending(input.token, now))
      .returning({ userId: passwordResets.userId });
    if (!reset) return { ok: false } as const;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, failedLoginCount: 0, lockedUntil: null })
      .where(and(eq(users.id, reset.userId), isNull(users.disabledAt)))
      .returning({ id: users.id, businessId: users.businessId });
    if (!user) return { ok: false } as const;
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    await recordEvent(tx, {
      businessId: user.businessId,
      type: 'user.password_reset',
      actor: { type: 'user', id: user.id, ip: input.ip, userAgent: input.userAgent },
    });
    const session = await openSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now });
    return { ok: true, sessionToken: session.token, expiresAt: session.expiresAt } as const;
  });
}
