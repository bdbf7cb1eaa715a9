import { eq } from 'drizzle-orm';
import { tasks } from '#db/schema/index';
import type { Tx } from '~/utils/db.server';

/**
 * Opens a task for the staff, once per `dedupeKey` (a repeat returns the existing task's id). For tasks caused by
 * the system: a broken promise's call, a defaulted plan's call.
 */
export async function createTask(
  tx: Tx,
  input: {
    businessId: string;
    invoiceId: string | null;
    customerId: string | null;
    kind: (typeof tasks.$inferInsert)['kind'];
    title: string;
    notes?: string | null;
    dueOn: string;
    dedupeKey: string;
  },
): Promise<string> {
  const [created] = await tx
    .insert(tasks)
    .values({ ...input, notes: input.notes ?? null })
    .onConflictDoNothing({ target: tasks.dedupeKey })
    .returning({ id: tasks.id });
  if (created) return created.id;
  const [existing] = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(eq(tasks.dedupeKey, input.dedupeKey));
  return existing!.id;
}
