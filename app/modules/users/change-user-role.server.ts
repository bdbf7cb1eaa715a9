import { and, eq, ne } from 'drizzle-orm';
import { users } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { lockBusinessUsers, otherActiveOwners } from './owner-guard.server';
import { isUuid } from './is-uuid';

export type UserChangeResult =
  { ok: true; changed: boolean } | { ok: false; error: 'not_found' | 'last_owner' };

/** Owner or staff. Demoting the last active owner is refused: a business always keeps someone who can manage it. */
export async function changeUserRole(
  db: Db,
  input: { businessId: string; userId: string; role: 'owner' | 'staff'; actor: Actor },
): Promise<UserChangeResult> {
  if (!isUuid(input.userId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    await lockBusinessUsers(tx, input.businessId);
    const [user] = await tx
      .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.businessId, input.businessId)));
    if (!user) return { ok: false, error: 'not_found' } as const;
    if (user.role === 'owner' && input.role === 'staff' && !user.disabledAt) {
      if ((await otherActiveOwners(tx, input.businessId, user.id)) === 0) {
        return { ok: false, error: 'last_owner' } as const;
      }
    }
    const [row] = await tx
      .update(users)
      .set({ role: input.role })
      .where(and(eq(users.id, user.id), ne(users.role, input.role)))
      .returning({ id: users.id });
    if (row) {
      await recordEvent(tx, {
        businessId: input.businessId,
        type: 'user.role_changed',
        actor: input.actor,
        data: { userId: user.id, before: { role: user.role }, after: { role: input.role } },
      });
    }
    return { ok: true, changed: Boolean(row) } as const;
  });
}
