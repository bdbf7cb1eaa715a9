import { addBusinessDays, format, parseISO } from 'date-fns';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { disputeMessages, disputes, invoices, promises, tasks } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import { openDisputeTask } from '~/modules/disputes/dispute-task.server';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db, Tx } from '~/utils/db.server';
import type { CallOutcome } from './task-kinds';

/** A call nobody answered is tried again this many business days later. */
export const RETRY_BUSINESS_DAYS = 2;

export type CallOutcomeInput = {
  businessId: string;
  taskId: string;
  actor: Actor;
  /** Today in the business's time zone. */
  today: string;
  reached: boolean;
  /** The date the form showed as the task's due date: a "not reached" resubmitted after a reschedule is a no-op. */
  expectedDueOn?: string;
  promisedDate?: string;
  promiseReason?: 'cash_flow' | 'awaiting_approval' | 'invoice_not_received' | 'other';
  disputeReason?: 'not_delivered' | 'not_as_described' | 'wrong_amount' | 'already_paid' | 'other';
  notes?: string;
};

export type CallOutcomeError =
  | 'not_found'
  | 'not_call'
  | 'not_open'
  | 'no_invoice'
  | 'invoice_not_open'
  | 'promise_exists'
  | 'dispute_exists';

export type CallOutcomeResult =
  | { ok: true; outcome: CallOutcome; promiseId?: string; disputeId?: string }
  | { ok: true; outcome: 'not_reached'; retryOn: string }
  | { ok: false; error: CallOutcomeError };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * Logs what a call gave, in one transaction. Reached: the task is done with its outcome, and a promised date
 * becomes the invoice's active promise (source 'staff', which pauses the reminder ladder) and a raised dispute an
 * open dispute on the whole balance. Not reached: the task stays open, due again in RETRY_BUSINESS_DAYS business
 * days. Every change is a guarded update, so a second submit of the same form changes nothing (`not_open`).
 * Refuses, writing nothing, when the invoice already has an active promise or an open dispute.
 */
export async function logCallOutcome(db: Db, input: CallOutcomeInput): Promise<CallOutcomeResult> {
  try {
    return await db.transaction((tx) => apply(tx, input));
  } catch (error) {
    // A promise or dispute written by someone else a moment ago: the unique index refused ours.
    if (isUniqueViolation(error)) return { ok: false, error: 'promise_exists' };
    throw error;
  }
}

async function apply(tx: Tx, input: CallOutcomeInput): Promise<CallOutcomeResult> {
  if (!isUuid(input.taskId)) return { ok: false, error: 'not_found' };
  const [task] = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, input.taskId), eq(tasks.businessId, input.businessId)));
  if (!task) return { ok: false, error: 'not_found' };
  if (task.kind !== 'call') return { ok: false, error: 'not_call' };
  if (task.status !== 'open') return { ok: false, error: 'not_open' };
  const notes = input.notes?.trim() || null;
  const userId = input.actor.type === 'user' ? input.actor.id : null;
  const [owner] = task.invoiceId
    ? await tx
        .select({ customerId: invoices.customerId })
        .from(invoices)
        .where(eq(invoices.id, task.invoiceId))
    : [];
  const scope = {
    businessId: input.businessId,
    invoiceId: task.invoiceId,
    customerId: task.customerId ?? owner?.customerId ?? null,
  };

  if (!input.reached) {
    const retryOn = format(addBusinessDays(parseISO(input.today), RETRY_BUSINESS_DAYS), 'yyyy-MM-dd');
    const line = `${input.today} — ${notes ?? '…'}`;
    const [moved] = await tx
      .update(tasks)
      .set({
        dueOn: retryOn,
        notes: sql`CASE WHEN ${tasks.notes} IS NULL THEN ${line} ELSE ${tasks.notes} || E'\n' || ${line} END`,
      })
      .where(
        and(
          eq(tasks.id, task.id),
          eq(tasks.status, 'open'),
          input.expectedDueOn ? eq(tasks.dueOn, input.expectedDueOn) : undefined,
        ),
      )
      .returning({ id: tasks.id });
    if (!moved) return { ok: false, error: 'not_open' };
    await recordEvent(tx, {
      ...scope,
      type: 'task.rescheduled',
      actor: input.actor,
      data: { taskId: task.id, kind: task.kind, reached: false, from: task.dueOn, to: retryOn, notes },
    });
    return { ok: true, outcome: 'not_reached', retryOn };
  }

  const wantsPromise = Boolean(input.promisedDate);
  const wantsDispute = Boolean(input.disputeReason);
  let balanceMinor = 0;
  let invoiceNumber: string | null = null;
  if (wantsPromise || wantsDispute) {
    if (!task.invoiceId) return { ok: false, error: 'no_invoice' };
    // The invoice row lock serialises this with payments and with the debtor promising from their page.
    const invoice = await lockInvoice(tx, task.invoiceId, input.businessId);
    if (!invoice) return { ok: false, error: 'no_invoice' };
    invoiceNumber = invoice.number;
    balanceMinor = (await invoiceLedger(tx, invoice.id))?.balanceMinor ?? 0;
    if (invoice.status !== 'open' || balanceMinor <= 0) return { ok: false, error: 'invoice_not_open' };
    if (wantsPromise) {
      const [active] = await tx
        .select({ id: promises.id })
        .from(promises)
        .where(and(eq(promises.invoiceId, invoice.id), eq(promises.status, 'active')));
      if (active) return { ok: false, error: 'promise_exists' };
    }
    if (wantsDispute) {
      const [open] = await tx
        .select({ id: disputes.id })
        .from(disputes)
        .where(
          and(
            eq(disputes.invoiceId, invoice.id),
            inArray(disputes.status, ['waiting_for_us', 'waiting_for_them']),
          ),
        );
      if (open) return { ok: false, error: 'dispute_exists' };
    }
  }

  const outcome: CallOutcome =
    wantsPromise && wantsDispute
      ? 'promised_disputed'
      : wantsPromise
        ? 'promised'
        : wantsDispute
          ? 'disputed'
          : 'reached';
  const [done] = await tx
    .update(tasks)
    .set({ status: 'done', outcome, notes: notes ?? task.notes, doneAt: new Date(), doneBy: userId })
    .where(and(eq(tasks.id, task.id), eq(tasks.status, 'open')))
    .returning({ id: tasks.id });
  // Closed by someone else between our read and this update: theirs stands, ours is a no-op.
  if (!done) return { ok: false, error: 'not_open' };
  await recordEvent(tx, {
    ...scope,
    type: 'task.done',
    actor: input.actor,
    data: { taskId: task.id, kind: task.kind, reached: true, outcome, notes },
  });

  let promiseId: string | undefined;
  if (wantsPromise) {
    const [promise] = await tx
      .insert(promises)
      .values({
        invoiceId: task.invoiceId!,
        promisedDate: input.promisedDate!,
        reason: input.promiseReason ?? null,
        note: notes,
        source: 'staff',
        recordedBy: userId,
      })
      .returning({ id: promises.id });
    promiseId = promise!.id;
    await recordEvent(tx, {
      ...scope,
      type: 'promise.recorded',
      actor: input.actor,
      data: {
        promiseId,
        promisedDate: input.promisedDate,
        reason: input.promiseReason ?? null,
        source: 'staff',
        taskId: task.id,
      },
    });
  }

  let disputeId: string | undefined;
  if (wantsDispute) {
    const [dispute] = await tx
      .insert(disputes)
      .values({
        invoiceId: task.invoiceId!,
        reason: input.disputeReason!,
        amountMinor: balanceMinor,
        scope: 'invoice',
      })
      .returning({ id: disputes.id });
    disputeId = dispute!.id;
    // Raised on the phone, it is answered like one raised on the page: a "dispute to answer" task.
    await openDisputeTask(tx, {
      ...scope,
      invoiceId: task.invoiceId!,
      invoiceNumber,
      disputeId,
      reason: input.disputeReason!,
    });
    if (notes) {
      await tx
        .insert(disputeMessages)
        .values({ disputeId, author: 'business', userId, body: notes.slice(0, 10_000) });
    }
    await recordEvent(tx, {
      ...scope,
      type: 'dispute.opened',
      actor: input.actor,
      data: {
        disputeId,
        reason: input.disputeReason,
        amountMinor: balanceMinor,
        scope: 'invoice',
        source: 'call',
        taskId: task.id,
      },
    });
  }
  return { ok: true, outcome, promiseId, disputeId };
}

/** Closes a task that is not a call (collections hand-off done, bounce fixed...). Guarded: twice closes once. */
export async function completeTask(
  db: Db,
  input: { businessId: string; taskId: string; actor: Actor; notes?: string },
): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'not_open' }> {
  if (!isUuid(input.taskId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    const notes = input.notes?.trim() || null;
    const [done] = await tx
      .update(tasks)
      .set({
        status: 'done',
        outcome: 'done',
        notes: notes ?? sql`${tasks.notes}`,
        doneAt: new Date(),
        doneBy: input.actor.type === 'user' ? input.actor.id : null,
      })
      .where(
        and(eq(tasks.id, input.taskId), eq(tasks.businessId, input.businessId), eq(tasks.status, 'open')),
      )
      .returning({
        id: tasks.id,
        kind: tasks.kind,
        invoiceId: tasks.invoiceId,
        customerId: tasks.customerId,
      });
    if (!done) {
      const [exists] = await tx
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.id, input.taskId), eq(tasks.businessId, input.businessId)));
      return { ok: false, error: exists ? 'not_open' : 'not_found' } as const;
    }
    await recordEvent(tx, {
      businessId: input.businessId,
      invoiceId: done.invoiceId,
      customerId: done.customerId,
      type: 'task.done',
      actor: input.actor,
      data: { taskId: done.id, kind: done.kind, outcome: 'done', notes },
    });
    return { ok: true } as const;
  });
}
