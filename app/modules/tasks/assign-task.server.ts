import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { tasks, users } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import type { Db, DbOrTx } from '~/utils/db.server';

export type AssignResult =
  { ok: true; changed: boolean } | { ok: false; error: 'not_found' | 'not_open' | 'unknown_user' };

/** The business's active users, by name: who a task can be given to. */
export async function taskAssignees(db: DbOrTx, businessId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.businessId, businessId), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.id));
}

/**
 * Gives an open task to one of the business's active users, or to nobody (`assigneeId` null). A guarded update
 * (open, and not already theirs) plus a `task.assigned` event in one transaction: the same choice again, or a
 * double submit, changes nothing and records nothing.
 */
export async function assignTask(
  db: Db,
  input: { businessId: string; taskId: string; assigneeId: string | null; actor: Actor },
): Promise<AssignResult> {
  if (!isUuid(input.taskId)) return { ok: false, error: 'not_found' };
  if (input.assigneeId !== null && !isUuid(input.assigneeId)) return { ok: false, error: 'unknown_user' };
  return db.transaction(async (tx) => {
    if (input.assigneeId) {
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.id, input.assigneeId),
            eq(users.businessId, input.businessId),
            isNull(users.disabledAt),
          ),
        );
      if (!user) return { ok: false, error: 'unknown_user' } as const;
    }
    const [task] = await tx
      .select({ id: tasks.id, status: tasks.status, assigneeId: tasks.assigneeId })
      .from(tasks)
      .where(and(eq(tasks.id, input.taskId), eq(tasks.businessId, input.businessId)))
      .for('update');
    if (!task) return { ok: false, error: 'not_found' } as const;
    const [moved] = await tx
      .update(tasks)
      .set({ assigneeId: input.assigneeId })
      .where(
        and(
          eq(tasks.id, task.id),
          eq(tasks.status, 'open'),
          sql`${tasks.assigneeId} IS DISTINCT FROM ${input.assigneeId}::uuid`,
        ),
      )
      .returning({ invoiceId: tasks.invoiceId, customerId: tasks.customerId, kind: tasks.kind });
    if (!moved) {
      return task.status === 'open'
        ? ({ ok: true, changed: false } as const)
        : ({ ok: false, error: 'not_open' } as const);
    }
    await recordEvent(tx, {
      businessId: input.businessId,
      invoiceId: moved.invoiceId,
      customerId: moved.customerId,
      type: 'task.assigned',
      actor: input.actor,
      data: { taskId: task.id, kind: moved.kind, from: task.assigneeId, to: input.assigneeId },
    });
    return { ok: true, changed: true } as const;
  });
}
