import { and, eq, inArray } from 'drizzle-orm';
import {
  acceptances,
  business,
  creditNotes,
  disputeMessages,
  disputes,
  invoices,
  tasks,
} from '#db/schema/index';
import { adminDisputes } from '~/i18n/admin-disputes';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceLedger, lockInvoice, syncPaidState } from '~/modules/invoices/invoice-balance.server';
import { nextNumber } from '~/modules/numbering/next-number.server';
import type { Db, Tx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { isLocale, translator } from '~/utils/i18n';
import { queueDisputeEmail } from './dispute-emails.server';

export type ResolveError = 'not_found' | 'closed' | 'no_acceptance';
export type AcceptResult =
  | { ok: true; creditNoteNumber: string | null; amountMinor: number; invoicePaid: boolean }
  | { ok: false; error: ResolveError };
export type RejectResult = { ok: true } | { ok: false; error: ResolveError };

/** The dispute, locked, if it belongs to the business; then the invoice, locked (ledger changes are serialised). */
async function lockDispute(tx: Tx, businessId: string, disputeId: string) {
  const [row] = await tx
    .select({ dispute: disputes, invoiceId: invoices.id })
    .from(disputes)
    .innerJoin(invoices, eq(invoices.id, disputes.invoiceId))
    .where(and(eq(disputes.id, disputeId), eq(invoices.businessId, businessId)))
    .for('update', { of: disputes });
  if (!row) return null;
  const invoice = await lockInvoice(tx, row.invoiceId, businessId);
  return invoice ? { dispute: row.dispute, invoice } : null;
}

const OPEN = ['waiting_for_us', 'waiting_for_them'] as const;

async function closeTask(tx: Tx, disputeId: string, actor: Actor, outcome: string) {
  await tx
    .update(tasks)
    .set({ status: 'done', outcome, doneAt: new Date(), doneBy: actor.type === 'user' ? actor.id : null })
    .where(and(eq(tasks.dedupeKey, `dispute:${disputeId}`), eq(tasks.status, 'open')));
}

/**
 * Accepts a dispute: a credit note for the disputed amount (its own gapless number, at most what is still due) reduces
 * the balance; the invoice is marked paid if nothing is left. The message, the event, the email to the customer
 * (credit note attached) and the task's closing all commit together. Guarded: accepting twice accepts once.
 */
export async function acceptDispute(
  db: Db,
  input: { businessId: string; disputeId: string; note: string; actor: Actor; now?: Date },
): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const locked = await lockDispute(tx, input.businessId, input.disputeId);
    if (!locked) return { ok: false, error: 'not_found' } as const;
    const { dispute, invoice } = locked;
    if (!OPEN.includes(dispute.status as (typeof OPEN)[number]))
      return { ok: false, error: 'closed' } as const;
    const ledger = await invoiceLedger(tx, invoice.id);
    const amountMinor = Math.min(dispute.amountMinor, ledger?.balanceMinor ?? 0);
    const [settings] = await tx
      .select({ timeZone: business.timeZone, locale: business.locale })
      .from(business)
      .where(eq(business.id, invoice.businessId));
    const t = translator(isLocale(settings?.locale) ? settings.locale : 'fr', adminDisputes);
    let creditNoteNumber: string | null = null;
    if (amountMinor > 0) {
      const year = Number(todayIn(settings?.timeZone ?? 'Europe/Paris', input.now).slice(0, 4));
      const next = await nextNumber(tx, invoice.businessId, 'credit_note', year);
      creditNoteNumber = next.number;
      await tx.insert(creditNotes).values({
        businessId: invoice.businessId,
        invoiceId: invoice.id,
        number: next.number,
        numberYear: year,
        numberSeq: next.seq,
        currency: invoice.currency,
        amountMinor,
        reason: t('disputes.creditNote.reason', { reason: t(`disputes.reason.${dispute.reason}`) }),
        disputeId: dispute.id,
      });
    }
    const [updated] = await tx
      .update(disputes)
      .set({ status: 'accepted', resolvedAt: input.now ?? new Date(), resolvedBy: userId(input.actor) })
      .where(and(eq(disputes.id, dispute.id), inArray(disputes.status, [...OPEN])))
      .returning({ id: disputes.id });
    if (!updated) throw new Error('dispute changed under its lock');
    const [message] = await tx
      .insert(disputeMessages)
      .values({
        disputeId: dispute.id,
        author: 'business',
        userId: userId(input.actor),
        body: input.note,
        kind: 'accepted',
      })
      .returning({ id: disputeMessages.id });
    const paid = await syncPaidState(tx, { invoiceId: invoice.id, actor: input.actor, now: input.now });
    await closeTask(tx, dispute.id, input.actor, 'accepted');
    const emailedTo = await queueDisputeEmail(tx, {
      disputeId: dispute.id,
      messageId: message!.id,
      kind: 'accepted',
      audience: 'debtor',
      body: input.note,
    });
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'dispute.accepted',
      actor: input.actor,
      data: { disputeId: dispute.id, creditNote: creditNoteNumber, amountMinor, emailedTo },
    });
    return { ok: true, creditNoteNumber, amountMinor, invoicePaid: paid === 'paid' } as const;
  });
}

/**
 * Rejects a dispute with a reply (optionally attaching the signed acceptance letter): the disputed amount is due
 * again, so the reminder ladder resumes for it at its next step. Guarded: rejecting twice rejects once.
 */
export async function rejectDispute(
  db: Db,
  input: {
    businessId: string;
    disputeId: string;
    reply: string;
    attachAcceptance: boolean;
    actor: Actor;
    now?: Date;
  },
): Promise<RejectResult> {
  return db.transaction(async (tx) => {
    const locked = await lockDispute(tx, input.businessId, input.disputeId);
    if (!locked) return { ok: false, error: 'not_found' } as const;
    const { dispute, invoice } = locked;
    if (!OPEN.includes(dispute.status as (typeof OPEN)[number]))
      return { ok: false, error: 'closed' } as const;
    let acceptanceId: string | null = null;
    if (input.attachAcceptance) {
      const [signed] = await tx
        .select({ id: acceptances.id })
        .from(acceptances)
        .where(eq(acceptances.invoiceId, invoice.id));
      if (!signed) return { ok: false, error: 'no_acceptance' } as const;
      acceptanceId = signed.id;
    }
    await tx
      .update(disputes)
      .set({ status: 'rejected', resolvedAt: input.now ?? new Date(), resolvedBy: userId(input.actor) })
      .where(and(eq(disputes.id, dispute.id), inArray(disputes.status, [...OPEN])));
    const [message] = await tx
      .insert(disputeMessages)
      .values({
        disputeId: dispute.id,
        author: 'business',
        userId: userId(input.actor),
        body: input.reply,
        kind: 'rejected',
        attachesAcceptance: Boolean(acceptanceId),
      })
      .returning({ id: disputeMessages.id });
    await closeTask(tx, dispute.id, input.actor, 'rejected');
    const emailedTo = await queueDisputeEmail(tx, {
      disputeId: dispute.id,
      messageId: message!.id,
      kind: 'rejected',
      audience: 'debtor',
      body: input.reply,
      acceptanceId,
    });
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'dispute.rejected',
      actor: input.actor,
      data: {
        disputeId: dispute.id,
        amountMinor: dispute.amountMinor,
        letterAttached: Boolean(acceptanceId),
        emailedTo,
      },
    });
    return { ok: true } as const;
  });
}

function userId(actor: Actor): string | null {
  return actor.type === 'user' ? actor.id : null;
}
