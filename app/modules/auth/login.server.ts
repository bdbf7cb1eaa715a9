import { and, eq, isNull, sql } from 'drizzle-orm';
import { sessions, users } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { hashToken, newToken } from '~/utils/tokens.server';
import { verifyPassword } from './password.server';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_DAYS = 7;

export type LoginResult =
  | { ok: true; sessionToken: string; expiresAt: Date; userId: string }
  | { ok: false; error: 'invalid' | 'locked' };

/**
 * Checks the password and opens a session. Five wrong passwords lock the account for 15 minutes (the answer
 * then says "locked" whatever the password, so the lock cannot be used to test passwords).
 */
export async function login(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent: string | null; now?: Date },
): Promise<LoginResult> {
  const now = input.now ?? new Date();
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${input.email})`, isNull(users.disabledAt)));
  if (user?.lockedUntil && user.lockedUntil > now) return { ok: false, error: 'locked' };
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user) return { ok: false, error: 'invalid' };

  if (!valid) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({
          failedLoginCount: sql`${users.failedLoginCount} + 1`,
          lockedUntil: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${MAX_FAILED_LOGINS}
            THEN ${now.toISOString()}::timestamptz + make_interval(mins => ${LOCK_MINUTES}) ELSE NULL END`,
        })
        .where(eq(users.id, user.id))
        .returning({ failed: users.failedLoginCount });
      await recordEvent(tx, {
        businessId: user.businessId,
        type: (row?.failed ?? 0) >= MAX_FAILED_LOGINS ? 'user.locked_out' : 'user.login_failed',
        actor: { type: 'user', id: user.id, ip: input.ip, userAgent: input.userAgent },
      });
    });
    return { ok: false, error: 'invalid' };
  }

  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
    });
    await recordEvent(tx, {
      businessId: user.businessId,
      type: 'user.logged_in',
      actor: { type: 'user', id: user.id, ip: input.ip, userAgent: input.userAgent },
    });
  });
  return { ok: true, sessionToken: token, expiresAt, userId: user.id };
}
