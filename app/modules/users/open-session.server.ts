import { sessions } from '#db/schema/index';
import { SESSION_DAYS } from '~/modules/auth/login.server';
import type { DbOrTx } from '~/utils/db.server';
import { hashToken, newToken } from '~/utils/tokens.server';

/** A fresh session for a user who just proved who they are (accepted an invitation, reset their password). */
export async function openSession(
  tx: DbOrTx,
  input: { userId: string; ip: string | null; userAgent: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await tx.insert(sessions).values({
    userId: input.userId,
    tokenHash: hashToken(token),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
  });
  return { token, expiresAt };
}
