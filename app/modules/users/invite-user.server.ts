import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { invitations, users } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import type { Locale } from '~/utils/i18n';
import { hashToken, newToken } from '~/utils/tokens.server';
import { queueInviteEmail } from './account-emails.server';

export const INVITE_DAYS = 7;

export type InviteResult = { ok: true; url: string; invitationId: string } | { ok: false; error: 'exists' };

/**
 * An owner invites someone by email. Any earlier pending invitation to the same address is revoked, so only the
 * latest link works. The link (a 256-bit token, stored hashed) is emailed through the outbox and returned once,
 * for the owner to pass on when no email provider is configured.
 */
export async function inviteUser(
  db: Db,
  input: {
    businessId: string;
    email: string;
    role: 'owner' | 'staff';
    inviter: { id: string; name: string };
    actor: Actor;
    locale: Locale;
    now?: Date;
  },
): Promise<InviteResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const token = newToken();
  const url = `${env().APP_URL}/admin/invite/${token}`;
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${email}`);
    if (existing) return { ok: false, error: 'exists' } as const;
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.businessId, input.businessId),
          sql`lower(${invitations.email}) = ${email}`,
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      );
    const [row] = await tx
      .insert(invitations)
      .values({
        businessId: input.businessId,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: input.inviter.id,
        expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000),
        createdAt: now,
      })
      .returning({ id: invitations.id });
    await queueInviteEmail(tx, {
      businessId: input.businessId,
      invitationId: row!.id,
      to: email,
      inviterName: input.inviter.name,
      role: input.role,
      url,
      expiresInDays: INVITE_DAYS,
      locale: input.locale,
    });
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'user.invited',
      actor: input.actor,
      data: { email, role: input.role },
    });
    return { ok: true, url, invitationId: row!.id } as const;
  });
}
