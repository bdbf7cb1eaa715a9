import { and, eq, inArray } from 'drizzle-orm';
import { disputeLines, disputeMessages, disputes, invoiceLines } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import { computeTotals } from '~/modules/invoices/totals';
import type { DisputeReason } from './reasons';
import type { Db } from '~/utils/db.server';
import { queueDisputeEmail } from './dispute-emails.server';
import { openDisputeTask } from './dispute-task.server';

export type OpenDisputeInput = {
  invoiceId: string;
  /** Empty: the whole invoice. Otherwise lines of this invoice, whose total incl. tax is disputed. */
  lineIds: string[];
  reason: DisputeReason;
  message: string;
  actor: Actor;
};

export type OpenDisputeError =
  'not_found' | 'not_open' | 'paid' | 'nothing_due' | 'dispute_exists' | 'bad_lines';
export type OpenDisputeResult = { ok: true; disputeId: string } | { ok: false; error: OpenDisputeError };

/**
 * The debtor raises a dispute, in one transaction behind the invoice row lock: on the whole balance, or on chosen
 * lines (their total incl. tax, never more than the balance). Writes the dispute, its lines, the first message, the
 * timeline event, a "dispute to answer" task and the email to the business. Refused with nothing written when the
 * invoice is not open, a line is not the invoice's, or a dispute is already in progress (a unique index backs it).
 */
export async function openDispute(db: Db, input: OpenDisputeInput): Promise<OpenDisputeResult> {
  try {
    return await db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, input.invoiceId);
      if (!invoice) return { ok: false, error: 'not_found' } as const;
      if (invoice.status === 'paid') return { ok: false, error: 'paid' } as const;
      if (invoice.status !== 'open') return { ok: false, error: 'not_open' } as const;
      const ledger = await invoiceLedger(tx, invoice.id);
      const balance = ledger?.balanceMinor ?? 0;
      if (balance <= 0) return { ok: false, error: 'nothing_due' } as const;
      const [open] = await tx
        .select({ id: disputes.id })
        .from(disputes)
        .where(
          and(
            eq(disputes.invoiceId, invoice.id),
            inArray(disputes.status, ['waiting_for_us', 'waiting_for_them']),
          ),
        );
      if (open) return { ok: false, error: 'dispute_exists' } as const;

      const ids = [...new Set(input.lineIds)];
      let amountMinor = balance;
      if (ids.length) {
        const lines = await tx
          .select()
          .from(invoiceLines)
          .where(and(eq(invoiceLines.invoiceId, invoice.id), inArray(invoiceLines.id, ids)));
        if (lines.length !== ids.length) return { ok: false, error: 'bad_lines' } as const;
        amountMinor = Math.min(balance, computeTotals(lines).totalMinor);
        if (amountMinor <= 0) return { ok: false, error: 'bad_lines' } as const;
      }
      const scope = ids.length ? ('lines' as const) : ('invoice' as const);
      const [dispute] = await tx
        .insert(disputes)
        .values({ invoiceId: invoice.id, reason: input.reason, amountMinor, scope })
        .returning({ id: disputes.id });
      const disputeId = dispute!.id;
      if (ids.length) await tx.insert(disputeLines).values(ids.map((lineId) => ({ disputeId, lineId })));
      const [message] = await tx
        .insert(disputeMessages)
        .values({ disputeId, author: 'debtor', body: input.message, kind: 'opened' })
        .returning({ id: disputeMessages.id });

      await openDisputeTask(tx, {
        businessId: invoice.businessId,
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        invoiceNumber: invoice.number,
        disputeId,
        reason: input.reason,
      });
      const emailedTo = await queueDisputeEmail(tx, {
        disputeId,
        messageId: message!.id,
        kind: 'opened',
        audience: 'business',
        body: input.message,
      });
      await recordEvent(tx, {
        businessId: invoice.businessId,
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        type: 'dispute.opened',
        actor: input.actor,
        data: {
          disputeId,
          reason: input.reason,
          amountMinor,
          scope,
          lineIds: ids,
          source: 'debtor',
          emailedTo,
        },
      });
      return { ok: true, disputeId } as const;
    });
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    // Two disputes at once: the unique index let one through.
    if (e?.code === '23505' || e?.cause?.code === '23505') return { ok: false, error: 'dispute_exists' };
    throw error;
  }
}
