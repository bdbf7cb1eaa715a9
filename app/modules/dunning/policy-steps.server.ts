import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import { dunningSteps, reminders } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db, DbOrTx, Tx } from '~/utils/db.server';
import { findPolicy } from './policies.server';
import { isUuid } from './ids';
import type { ReminderStep } from './types';

export type StepValues = Omit<ReminderStep, 'id'>;
export type LadderStep = ReminderStep & { reminderCount: number };

/** The policy's live steps (archived ones are history), in ladder order, each with how many reminders it made. */
export async function listSteps(db: DbOrTx, policyId: string): Promise<LadderStep[]> {
  const rows = await db
    .select({
      id: dunningSteps.id,
      offsetDays: dunningSteps.offsetDays,
      channel: dunningSteps.channel,
      tone: dunningSteps.tone,
      subjectFr: dunningSteps.subjectFr,
      bodyFr: dunningSteps.bodyFr,
      subjectEn: dunningSteps.subjectEn,
      bodyEn: dunningSteps.bodyEn,
      reminderCount: count(reminders.id),
    })
    .from(dunningSteps)
    .leftJoin(reminders, eq(reminders.stepId, dunningSteps.id))
    .where(and(eq(dunningSteps.policyId, policyId), isNull(dunningSteps.archivedAt)))
    .groupBy(dunningSteps.id)
    .orderBy(asc(dunningSteps.offsetDays));
  return rows;
}

type Scope = { businessId: string; policyId: string; actor: Actor };
export type StepError = 'not_found' | 'duplicate_offset';
type StepResult = { ok: true; stepId: string } | { ok: false; error: StepError };

/** Another live step of the policy already at this offset? (The partial unique index is the last word.) */
async function offsetTaken(tx: Tx, policyId: string, offsetDays: number, exceptStepId?: string) {
  const [row] = await tx
    .select({ id: dunningSteps.id })
    .from(dunningSteps)
    .where(
      and(
        eq(dunningSteps.policyId, policyId),
        eq(dunningSteps.offsetDays, offsetDays),
        isNull(dunningSteps.archivedAt),
        exceptStepId ? ne(dunningSteps.id, exceptStepId) : undefined,
      ),
    );
  return Boolean(row);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * Runs `work` in a transaction; a unique-index violation (two people adding the same offset at once) becomes
 * `duplicate_offset` instead of an error page.
 */
async function withOffsetGuard(db: Db, work: (tx: Tx) => Promise<StepResult>): Promise<StepResult> {
  try {
    return await db.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'duplicate_offset' };
    throw error;
  }
}

function eventData(policyId: string, stepId: string, step: StepValues) {
  return { policyId, stepId, offsetDays: step.offsetDays, channel: step.channel, tone: step.tone };
}

/** Adds a rung to the ladder. Records `dunning.step_added`. */
export async function addStep(db: Db, input: Scope & { step: StepValues }): Promise<StepResult> {
  return withOffsetGuard(db, async (tx) => {
    const policy = await findPolicy(tx, input.businessId, input.policyId);
    if (!policy) return { ok: false, error: 'not_found' };
    if (await offsetTaken(tx, policy.id, input.step.offsetDays))
      return { ok: false, error: 'duplicate_offset' };
    const [row] = await tx
      .insert(dunningSteps)
      .values({ ...input.step, policyId: policy.id })
      .returning({ id: dunningSteps.id });
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'dunning.step_added',
      actor: input.actor,
      data: eventData(policy.id, row!.id, input.step),
    });
    return { ok: true, stepId: row!.id };
  });
}

const FIELDS = ['offsetDays', 'channel', 'tone', 'subjectFr', 'bodyFr', 'subjectEn', 'bodyEn'] as const;

/**
 * Changes a rung. Reminders already made by the step keep pointing at it (the sweep never sends a step twice to
 * one invoice, whatever its offset becomes). Records `dunning.step_changed` with the names of the fields that
 * changed; saving the same values again changes nothing and records nothing.
 */
export async function updateStep(
  db: Db,
  input: Scope & { stepId: string; step: StepValues },
): Promise<StepResult & { changed?: string[] }> {
  let changed: string[] = [];
  const result = await withOffsetGuard(db, async (tx) => {
    const policy = await findPolicy(tx, input.businessId, input.policyId);
    if (!policy || !isUuid(input.stepId)) return { ok: false, error: 'not_found' };
    const [current] = await tx
      .select()
      .from(dunningSteps)
      .where(
        and(
          eq(dunningSteps.id, input.stepId),
          eq(dunningSteps.policyId, policy.id),
          isNull(dunningSteps.archivedAt),
        ),
      )
      .for('update');
    if (!current) return { ok: false, error: 'not_found' };
    changed = FIELDS.filter((f) => current[f] !== input.step[f]);
    if (!changed.length) return { ok: true, stepId: current.id };
    if (
      changed.includes('offsetDays') &&
      (await offsetTaken(tx, policy.id, input.step.offsetDays, current.id))
    ) {
      return { ok: false, error: 'duplicate_offset' };
    }
    await tx.update(dunningSteps).set(input.step).where(eq(dunningSteps.id, current.id));
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'dunning.step_changed',
      actor: input.actor,
      data: {
        ...eventData(policy.id, current.id, input.step),
        changed,
        ...(changed.includes('offsetDays') ? { previousOffsetDays: current.offsetDays } : {}),
      },
    });
    return { ok: true, stepId: current.id };
  });
  return result.ok ? { ...result, changed } : result;
}

/**
 * Takes a rung off the ladder: deleted when it never reminded anyone, archived otherwise (its reminders keep
 * their history, and its offset is free again). Records `dunning.step_removed`. Removing a step that is already
 * gone is `not_found`, so a double submit removes once.
 */
export async function removeStep(
  db: Db,
  input: Scope & { stepId: string; now?: Date },
): Promise<{ ok: true; archived: boolean } | { ok: false; error: 'not_found' }> {
  return db.transaction(async (tx) => {
    const policy = await findPolicy(tx, input.businessId, input.policyId);
    if (!policy || !isUuid(input.stepId)) return { ok: false, error: 'not_found' } as const;
    const [step] = await tx
      .select()
      .from(dunningSteps)
      .where(
        and(
          eq(dunningSteps.id, input.stepId),
          eq(dunningSteps.policyId, policy.id),
          isNull(dunningSteps.archivedAt),
        ),
      )
      .for('update');
    if (!step) return { ok: false, error: 'not_found' } as const;
    // The sweep claims a reminder row before sending; a row claimed after this read references an archived step
    // or fails its foreign key, so it never points at a deleted one.
    const [used] = await tx.select({ n: count() }).from(reminders).where(eq(reminders.stepId, step.id));
    const archived = Boolean(used && used.n > 0);
    if (archived) {
      await tx
        .update(dunningSteps)
        .set({ archivedAt: input.now ?? new Date() })
        .where(eq(dunningSteps.id, step.id));
    } else {
      await tx.delete(dunningSteps).where(eq(dunningSteps.id, step.id));
    }
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'dunning.step_removed',
      actor: input.actor,
      data: { ...eventData(policy.id, step.id, step), archived },
    });
    return { ok: true, archived } as const;
  });
}
