import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import InvoiceIssued, { invoiceIssuedSubject } from '#emails/invoice-issued';
import { renderEmail } from '#emails/render.server';
import { acceptances, business, customers, type invoices } from '#db/schema/index';
import { acceptanceFilename } from '~/modules/acceptance/acceptance-emails.server';
import type { DbOrTx } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import { isLocale } from '~/utils/i18n';
import { invoiceRecipients } from './recipients.server';
import { senderFor } from './sender.server';

type Invoice = Pick<
  typeof invoices.$inferSelect,
  'id' | 'businessId' | 'customerId' | 'number' | 'totalMinor' | 'currency' | 'issueDate' | 'dueDate'
>;

/**
 * Queues the "invoice issued" email carrying a debtor link, to the billing contacts with accounts payable copied.
 * `dedupeKey` names the action (issuing, or one rotated link), so the same action never mails twice. Returns who
 * it went to, or null when the customer has no reachable contact.
 */
export async function sendInvoiceLinkEmail(
  tx: DbOrTx,
  input: { invoice: Invoice; url: string; balanceMinor: number; dedupeKey: string },
): Promise<{ to: string[]; cc: string[]; queued: boolean } | null> {
  const { invoice } = input;
  const [seller] = await tx.select().from(business).where(eq(business.id, invoice.businessId));
  const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
  const recipients = await invoiceRecipients(tx, invoice.customerId);
  if (!seller || !customer || !recipients.to.length) return null;
  const locale = isLocale(customer.locale) ? customer.locale : 'fr';
  const props = {
    locale,
    businessName: seller.name,
    logoUrl: seller.logoUrl,
    customerName: customer.name,
    invoiceNumber: invoice.number ?? '',
    totalMinor: invoice.totalMinor,
    balanceMinor: input.balanceMinor,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    url: input.url,
    contactEmail: seller.email,
  };
  const { html, text } = await renderEmail(createElement(InvoiceIssued, props));
  // The seeds' step 3: the invoice goes out with a copy of the signed acceptance letter.
  const [signed] = await tx
    .select({ id: acceptances.id })
    .from(acceptances)
    .where(eq(acceptances.invoiceId, invoice.id));
  const queued = await queueEmail(tx, {
    businessId: seller.id,
    invoiceId: invoice.id,
    customerId: customer.id,
    dedupeKey: input.dedupeKey,
    template: 'invoice-issued',
    locale,
    from: senderFor(seller),
    replyTo: seller.emailReplyTo ?? seller.email,
    to: recipients.to,
    cc: recipients.cc,
    subject: invoiceIssuedSubject(props),
    html,
    text,
    attachments: signed
      ? [
          {
            filename: acceptanceFilename(props.invoiceNumber, locale),
            kind: 'acceptance-letter',
            refId: signed.id,
          },
        ]
      : undefined,
  });
  return { ...recipients, queued: Boolean(queued) };
}
