import { and, eq, isNull } from 'drizzle-orm';
import { createElement } from 'react';
import InvoiceIssued, { invoiceIssuedSubject } from '#emails/invoice-issued';
import { renderEmail } from '#emails/render.server';
import { business, customers, invoiceLinks } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import { isLocale } from '~/utils/i18n';
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
      const [seller] = await tx.select().from(business).where(eq(business.id, invoice.businessId));
      const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
      const recipients = await invoiceRecipients(tx, invoice.customerId);
      const ledger = await invoiceLedger(tx, invoice.id);
      if (seller && customer && recipients.to.length) {
        const locale = isLocale(customer.locale) ? customer.locale : 'fr';
        const props = {
          locale,
          businessName: seller.name,
          logoUrl: seller.logoUrl,
          customerName: customer.name,
          invoiceNumber: invoice.number,
          totalMinor: invoice.totalMinor,
          balanceMinor: ledger?.balanceMinor ?? invoice.totalMinor,
          currency: invoice.currency,
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          url: link.url,
          contactEmail: seller.email,
        };
        const { html, text } = await renderEmail(createElement(InvoiceIssued, props));
        const queued = await queueEmail(tx, {
          businessId: seller.id,
          invoiceId: invoice.id,
          customerId: customer.id,
          dedupeKey: `invoice-link:${link.linkId}`,
          template: 'invoice-issued',
          locale,
          from: senderFor(seller),
          replyTo: seller.emailReplyTo ?? seller.email,
          to: recipients.to,
          cc: recipients.cc,
          subject: invoiceIssuedSubject(props),
          html,
          text,
        });
        emailed = Boolean(queued);
      }
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
