import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import DisputeUpdateEmail, { disputeUpdateSubject, type DisputeUpdateProps } from '#emails/dispute-update';
import { renderEmail } from '#emails/render.server';
import { business, creditNotes, customers, disputes, invoices } from '#db/schema/index';
import { disputes as disputeCopy } from '~/i18n/disputes';
import { acceptanceFilename } from '~/modules/acceptance/acceptance-emails.server';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import type { Tx } from '~/utils/db.server';
import { queueEmail, type EmailAttachment } from '~/utils/email.server';
import { env } from '~/utils/env.server';
import { isLocale, translator, type Locale } from '~/utils/i18n';

export function creditNoteFilename(number: string, locale: Locale): string {
  return `${locale === 'fr' ? 'avoir' : 'credit-note'}-${number.replace(/[^\w.-]/g, '_')}.pdf`;
}

/**
 * Emails one step of a dispute to the other side, in the transaction that made it. The dedupe key is the message
 * id, so a retried transaction or a repeated call never mails twice. To the customer: a fresh link to the thread;
 * to the business: the admin inbox.
 */
export async function queueDisputeEmail(
  tx: Tx,
  input: {
    disputeId: string;
    messageId: string;
    kind: DisputeUpdateProps['kind'];
    audience: 'debtor' | 'business';
    body: string;
    acceptanceId?: string | null;
  },
): Promise<string[]> {
  const [row] = await tx
    .select({ dispute: disputes, invoice: invoices, seller: business, customer: customers })
    .from(disputes)
    .innerJoin(invoices, eq(invoices.id, disputes.invoiceId))
    .innerJoin(business, eq(business.id, invoices.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(disputes.id, input.disputeId));
  if (!row) return [];
  const { dispute, invoice, seller, customer } = row;
  const [credit] = await tx.select().from(creditNotes).where(eq(creditNotes.disputeId, dispute.id));
  const toDebtor = input.audience === 'debtor';
  const localeOf = (value: string): Locale => (isLocale(value) ? value : 'fr');
  const locale = localeOf(toDebtor ? customer.locale : seller.locale);
  let to: string[];
  let cc: string[] = [];
  let url: string;
  if (toDebtor) {
    const recipients = await invoiceRecipients(tx, customer.id);
    if (!recipients.to.length) return [];
    ({ to, cc } = recipients);
    url = `${(await mintInvoiceLink(tx, invoice.id)).url}/dispute`;
  } else {
    to = [seller.emailReplyTo ?? seller.email];
    url = `${env().APP_URL}/admin/disputes/${dispute.id}`;
  }
  const props: DisputeUpdateProps = {
    kind: input.kind,
    audience: input.audience,
    locale,
    businessName: seller.name,
    logoUrl: seller.logoUrl,
    customerName: customer.name,
    invoiceNumber: invoice.number ?? '',
    reason: translator(locale, disputeCopy)(`dispute.reason.${dispute.reason}`),
    amountMinor: credit?.amountMinor ?? dispute.amountMinor,
    currency: invoice.currency,
    message: input.body,
    creditNoteNumber: credit?.number ?? null,
    url,
  };
  const attachments: EmailAttachment[] = [];
  if (toDebtor && input.kind === 'accepted' && credit) {
    attachments.push({
      filename: creditNoteFilename(credit.number, locale),
      kind: 'credit-note',
      refId: credit.id,
    });
  }
  if (toDebtor && input.acceptanceId) {
    attachments.push({
      filename: acceptanceFilename(invoice.number, locale),
      kind: 'acceptance-letter',
      refId: input.acceptanceId,
    });
  }
  const { html, text } = await renderEmail(createElement(DisputeUpdateEmail, props));
  await queueEmail(tx, {
    businessId: seller.id,
    invoiceId: invoice.id,
    customerId: customer.id,
    dedupeKey: `dispute-message:${input.messageId}`,
    template: `dispute-${input.kind}`,
    locale,
    from: senderFor(seller),
    replyTo: toDebtor ? (seller.emailReplyTo ?? seller.email) : null,
    to,
    cc,
    subject: disputeUpdateSubject(props),
    html,
    text,
    attachments,
  });
  return to;
}
