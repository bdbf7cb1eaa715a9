import { and, eq, isNull, sql } from 'drizzle-orm';
import { passwordResets, users } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import type { Locale } from '~/utils/i18n';
import { hashToken, newToken } from '~/utils/tokens.server';
import { queuePasswordResetEmail } from './account-emails.server';

export const RESET_MINUTES = 60;

/**
 * Mails a one-time reset link to an active user with this address; for any other address it does nothing. The
 * page answers the same either way, so it cannot be used to learn who has an account. Earlier unused links of the
 * same user stop working.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string | null; userAgent: string | null; locale: Locale; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  const [user] = await db
    .select({ id: users.id, businessId: users.businessId, email: users.email, name: users.name })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${input.email.trim()})`, isNull(users.disabledAt)));
  if (!user) return;
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    const [row] = await tx
      .insert(passwordResets)
      .values({
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
        ip: input.ip,
        createdAt: now,
      })
      .returning({ id: passwordResets.id });
    await queuePasswordResetEmail(tx, {
      businessId: user.businessId,
      resetId: row!.id,
      to: user.email,
      name: user.name,
      url: `${env().APP_URL}/admin/reset-password/${token}`,
      expiresInMinutes: RESET_MINUTES,
      locale: input.locale,
    });
    await recordEvent(tx, {
      businessId: user.businessId,
      type: 'user.password_reset_requested',
      actor: { type: 'user', id: user.id, ip: input.ip, userAgent: input.userAgent },
    });
  });
}
