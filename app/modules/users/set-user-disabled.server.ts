import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { sessions, users } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import type { UserChangeResult } from './change-user-role.server';
import { lockBusinessUsers, otherActiveOwners } from './owner-guard.server';
import { isUuid } from './is-uuid';

/**
 * Disables a user (they cannot log in, and every session they have ends at once) or enables them again. The last
 * active owner cannot be disabled.
 */
export async function setUserDisabled(
  db: Db,
  input: { businessId: string; userId: string; disabled: boolean; actor: Actor },
): Promise<UserChangeResult> {
  if (!isUuid(input.userId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    await lockBusinessUsers(tx, input.businessId);
    const [user] = await tx
      .select({ id: users.id, role: users.role, email: users.email })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.businessId, input.businessId)));
    if (!user) return { ok: false, error: 'not_found' } as const;
    if (input.disabled && user.role === 'owner') {
      if ((await otherActiveOwners(tx, input.businessId, user.id)) === 0) {
        return { ok: false, error: 'last_owner' } as const;
      }
    }
    const now = new Date();
    const [row] = await tx
      .update(users)
      .set({ disabledAt: input.disabled ? now : null })
      .where(
        and(eq(users.id, user.id), input.disabled ? isNull(users.disabledAt) : isNotNull(users.disabledAt)),
      )
      .returning({ id: users.id });
    if (!row) return { ok: true, changed: false } as const;
    if (input.disabled) {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    }
    await recordEvent(tx, {
      businessId: input.businessId,
      type: input.disabled ? 'user.disabled' : 'user.enabled',
      actor: input.actor,
      data: { userId: user.id, email: user.email },
    });
    return { ok: true, changed: true } as const;
  });
}
