import { and, eq, gt, isNull } from 'drizzle-orm';
import { invitations, users } from '#db/schema/index';
import { hashPassword } from '~/modules/auth/password.server';
import { recordEvent } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { hashToken, isWellFormedToken } from '~/utils/tokens.server';
import { openSession } from './open-session.server';

export type AcceptResult =
  { ok: true; sessionToken: string; expiresAt: Date } | { ok: false; error: 'invalid' | 'exists' };

class EmailTaken extends Error {}

/**
 * The invitee chooses a name and password. The invitation is claimed by a guarded update (unused, not revoked,
 * not expired), so a link works once even when submitted twice at the same moment; the user and a first session
 * are created in the same transaction.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; name: string; password: string; ip: string | null; userAgent: string | null },
): Promise<AcceptResult> {
  if (!isWellFormedToken(input.token)) return { ok: false, error: 'invalid' };
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  try {
    return await db.transaction(async (tx) => {
      const [invite] = await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(
          and(
            eq(invitations.tokenHash, hashToken(input.token)),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, now),
          ),
        )
        .returning();
      if (!invite) return { ok: false, error: 'invalid' } as const;
      const [user] = await tx
        .insert(users)
        .values({
          businessId: invite.businessId,
          email: invite.email,
          name: input.name,
          role: invite.role,
          passwordHash,
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!user) throw new EmailTaken();
      await tx.update(invitations).set({ acceptedUserId: user.id }).where(eq(invitations.id, invite.id));
      const actor = { type: 'user', id: user.id, ip: input.ip, userAgent: input.userAgent } as const;
      await recordEvent(tx, {
        businessId: invite.businessId,
        type: 'user.invitation_accepted',
        actor,
        data: { email: invite.email, role: invite.role },
      });
      const session = await openSession(tx, {
        userId: user.id,
        ip: input.ip,
        userAgent: input.userAgent,
        now,
      });
      return { ok: true, sessionToken: session.token, expiresAt: session.expiresAt } as const;
    });
  } catch (error) {
    // Someone registered this address since the invitation was sent: the claim is rolled back with the rest.
    if (error instanceof EmailTaken) return { ok: false, error: 'exists' };
    throw error;
  }
}
