import { and, eq, isNull } from 'drizzle-orm';
import { invoiceLinks } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { sendInvoiceLinkEmail } from '~/modules/email/send-invoice-link.server';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db } from '~/utils/db.server';
import { mintInvoiceLink } from './mint-link.server';

export type RotateResult =
  | { ok: true; url: string; linkId: string; revoked: number; emailed: boolean }
  | { ok: false; error: 'not_found' | 'draft' };

/**
 * Replaces an invoice's links: revokes every live one and mints a new one, in one transaction, so there is never
 * a moment with both or neither. With `sendEmail`, the new link goes to the customer's billing contacts in the
 * "invoice issued" email (deduplicated per link). A draft has no link to replace.
 */
export async function rotateInvoiceLink(
  db: Db,
  input: { businessId: string; invoiceId: string; actor: Actor; sendEmail?: boolean; now?: Date },
): Promise<RotateResult> {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId, input.businessId);
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    if (invoice.status === 'draft' || !invoice.number) return { ok: false, error: 'draft' } as const;
    const now = input.now ?? new Date();

    const revoked = await tx
      .update(invoiceLinks)
      .set({ revokedAt: now })
      .where(and(eq(invoiceLinks.invoiceId, invoice.id), isNull(invoiceLinks.revokedAt)))
      .returning({ id: invoiceLinks.id });
    const link = await mintInvoiceLink(tx, invoice.id, { now });

    let emailed = false;
    if (input.sendEmail) {
      const ledger = await invoiceLedger(tx, invoice.id);
      const sent = await sendInvoiceLinkEmail(tx, {
        invoice,
        url: link.url,
        balanceMinor: ledger?.balanceMinor ?? invoice.totalMinor,
        dedupeKey: `invoice-link:${link.linkId}`,
      });
      emailed = Boolean(sent?.queued);
    }

    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'link.rotated',
      actor: input.actor,
      data: { linkId: link.linkId, revoked: revoked.length, emailed },
    });
    return { ok: true, url: link.url, linkId: link.linkId, revoked: revoked.length, emailed } as const;
  });
}
