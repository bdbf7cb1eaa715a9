import { and, eq, isNull } from 'drizzle-orm';
import { invitations } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { isUuid } from './is-uuid';

/** Withdraws a pending invitation; its link stops working. False when it was already used or withdrawn. */
export async function revokeInvitation(
  db: Db,
  input: { businessId: string; invitationId: string; actor: Actor },
): Promise<boolean> {
  if (!isUuid(input.invitationId)) return false;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, input.invitationId),
          eq(invitations.businessId, input.businessId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (!row) return false;
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'user.invitation_revoked',
      actor: input.actor,
      data: { email: row.email },
    });
    return true;
  });
}
