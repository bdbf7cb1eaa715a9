import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { invitations, users } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

/** The business's users with their open session count, and the invitations still pending. */
export async function listUsers(db: DbOrTx, businessId: string) {
  const now = new Date();
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabled: sql<boolean>`${users.disabledAt} IS NOT NULL`,
      // Spelled out: in a one-table select drizzle leaves columns unqualified, which the subquery would rebind.
      openSessions: sql<number>`(SELECT count(*)::int FROM sessions s
        WHERE s.user_id = users.id AND s.revoked_at IS NULL AND s.expires_at > now())`,
    })
    .from(users)
    .where(eq(users.businessId, businessId))
    .orderBy(asc(users.name), asc(users.email));
  const pending = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.businessId, businessId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return {
    users: people,
    invitations: pending.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
  };
}
