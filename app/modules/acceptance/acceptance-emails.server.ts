import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import AcceptanceEmail, { acceptanceEmailSubject, type AcceptanceEmailProps } from '#emails/acceptance';
import { renderEmail } from '#emails/render.server';
import { acceptances, business, customers, invoices } from '#db/schema/index';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import type { Tx } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import { env } from '~/utils/env.server';
import { formatDateTime, isLocale, type Locale } from '~/utils/i18n';

export function acceptanceFilename(number: string | null, locale: Locale): string {
  const name = locale === 'fr' ? 'proces-verbal-reception' : 'acceptance-letter';
  return `${name}${number ? `-${number.replace(/[^\w.-]/g, '_')}` : ''}.pdf`;
}

async function context(tx: Tx, invoiceId: string) {
  const [row] = await tx
    .select({ invoice: invoices, seller: business, customer: customers })
    .from(invoices)
    .innerJoin(business, eq(business.id, invoices.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(invoices.id, invoiceId));
  if (!row) throw new Error('acceptance email: unknown invoice');
  const locale: Locale = isLocale(row.customer.locale) ? row.customer.locale : 'fr';
  return { ...row, locale };
}

/** "Please sign": to the customer's billing contacts, with a fresh link to the letter. Once per request. */
export async function queueAcceptanceRequestEmail(
  tx: Tx,
  invoiceId: string,
  dedupeKey: string,
): Promise<{ to: string[] } | null> {
  const { invoice, seller, customer, locale } = await context(tx, invoiceId);
  const recipients = await invoiceRecipients(tx, customer.id);
  if (!recipients.to.length) return null;
  const { url } = await mintInvoiceLink(tx, invoiceId);
  const props: AcceptanceEmailProps = {
    kind: 'requested',
    audience: 'debtor',
    locale,
    businessName: seller.name,
    logoUrl: seller.logoUrl,
    customerName: customer.name,
    invoiceNumber: invoice.number,
    url: `${url}/accept`,
  };
  const { html, text } = await renderEmail(createElement(AcceptanceEmail, props));
  const queued = await queueEmail(tx, {
    businessId: seller.id,
    invoiceId,
    customerId: customer.id,
    dedupeKey,
    template: 'acceptance-requested',
    locale,
    from: senderFor(seller),
    replyTo: seller.emailReplyTo ?? seller.email,
    to: recipients.to,
    cc: recipients.cc,
    subject: acceptanceEmailSubject(props),
    html,
    text,
  });
  return queued ? { to: recipients.to } : null;
}

/** The confirmations of a signature, the signed letter attached: one to the customer, one to the business. */
export async function queueAcceptanceSignedEmails(tx: Tx, acceptanceId: string): Promise<void> {
  const [acceptance] = await tx.select().from(acceptances).where(eq(acceptances.id, acceptanceId));
  if (!acceptance) return;
  const { invoice, seller, customer, locale } = await context(tx, acceptance.invoiceId);
  const attachment = (l: Locale) => ({
    filename: acceptanceFilename(invoice.number, l),
    kind: 'acceptance-letter',
    refId: acceptance.id,
  });
  const base = {
    kind: 'signed' as const,
    businessName: seller.name,
    logoUrl: seller.logoUrl,
    customerName: customer.name,
    invoiceNumber: invoice.number,
    signerName: acceptance.signerName,
    signerRole: acceptance.signerRole,
    sha256: acceptance.sha256,
  };

  const recipients = await invoiceRecipients(tx, customer.id);
  if (recipients.to.length) {
    const { url } = await mintInvoiceLink(tx, invoice.id);
    const props: AcceptanceEmailProps = {
      ...base,
      audience: 'debtor',
      locale,
      signedAt: formatDateTime(acceptance.signedAt, locale, seller.timeZone),
      url: `${url}/accept`,
    };
    const { html, text } = await renderEmail(createElement(AcceptanceEmail, props));
    await queueEmail(tx, {
      businessId: seller.id,
      invoiceId: invoice.id,
      customerId: customer.id,
      dedupeKey: `acceptance-signed:${acceptance.id}:debtor`,
      template: 'acceptance-signed',
      locale,
      from: senderFor(seller),
      replyTo: seller.emailReplyTo ?? seller.email,
      to: recipients.to,
      cc: recipients.cc,
      subject: acceptanceEmailSubject(props),
      html,
      text,
      attachments: [attachment(locale)],
    });
  }

  const businessLocale: Locale = isLocale(seller.locale) ? seller.locale : 'fr';
  const props: AcceptanceEmailProps = {
    ...base,
    audience: 'business',
    locale: businessLocale,
    signedAt: formatDateTime(acceptance.signedAt, businessLocale, seller.timeZone),
    url: `${env().APP_URL}/admin/invoices/${invoice.id}`,
  };
  const { html, text } = await renderEmail(createElement(AcceptanceEmail, props));
  await queueEmail(tx, {
    businessId: seller.id,
    invoiceId: invoice.id,
    customerId: customer.id,
    dedupeKey: `acceptance-signed:${acceptance.id}:business`,
    template: 'acceptance-signed-business',
    locale: businessLocale,
    from: senderFor(seller),
    to: [seller.emailReplyTo ?? seller.email],
    subject: acceptanceEmailSubject(props),
    html,
    text,
    attachments: [attachment(businessLocale)],
  });
}
