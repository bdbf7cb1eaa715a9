import { and, eq, gt, isNull } from 'drizzle-orm';
import { business, invitations } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { hashToken, isWellFormedToken } from '~/utils/tokens.server';

/** The pending invitation a link points at (unused, not revoked, not expired), or null. */
export async function findInvitation(db: DbOrTx, token: string, now = new Date()) {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .select({ email: invitations.email, role: invitations.role, businessName: business.name })
    .from(invitations)
    .innerJoin(business, eq(business.id, invitations.businessId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return row ?? null;
}
