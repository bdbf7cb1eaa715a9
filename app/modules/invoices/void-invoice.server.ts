import { and, eq } from 'drizzle-orm';
import { business, creditNotes, invoices } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { nextNumber } from '~/modules/numbering/next-number.server';
import type { Db } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { invoiceLedger, lockInvoice } from './invoice-balance.server';

export type VoidResult =
  | { ok: true; creditNoteNumber: string | null }
  | { ok: false; error: 'not_found' | 'not_open' | 'has_payments' };

/**
 * open -> void: an issued invoice is never deleted; a credit note (its own gapless number) cancels its total.
 * Refused once money was received: refund or credit that first. Voiding twice voids once.
 */
export async function voidInvoice(
  db: Db,
  input: { businessId: string; invoiceId: string; reason: string; actor: Actor; now?: Date },
): Promise<VoidResult> {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId, input.businessId);
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    if (invoice.status !== 'open') return { ok: false, error: 'not_open' } as const;
    const ledger = await invoiceLedger(tx, invoice.id);
    if (!ledger || ledger.paidMinor > 0 || ledger.processingMinor > 0)
      return { ok: false, error: 'has_payments' } as const;
    const [settings] = await tx
      .select({ timeZone: business.timeZone })
      .from(business)
      .where(eq(business.id, invoice.businessId));
    const year = Number(todayIn(settings?.timeZone ?? 'Europe/Paris', input.now).slice(0, 4));
    const amountMinor = ledger.totalMinor - ledger.creditedMinor;
    let number: string | null = null;
    if (amountMinor > 0) {
      const next = await nextNumber(tx, invoice.businessId, 'credit_note', year);
      number = next.number;
      await tx.insert(creditNotes).values({
        businessId: invoice.businessId,
        invoiceId: invoice.id,
        number,
        numberYear: year,
        numberSeq: next.seq,
        currency: invoice.currency,
        amountMinor,
        reason: input.reason,
      });
    }
    await tx
      .update(invoices)
      .set({ status: 'void', voidedAt: input.now ?? new Date() })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.status, 'open')));
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'invoice.voided',
      actor: input.actor,
      data: { reason: input.reason, creditNote: number, amountMinor },
    });
    return { ok: true, creditNoteNumber: number } as const;
  });
}
