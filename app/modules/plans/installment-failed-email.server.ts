import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import InstallmentFailedEmail, { installmentFailedSubject } from '#emails/installment-failed';
import { renderEmail } from '#emails/render.server';
import { business, customers, installments, invoices, paymentPlans } from '#db/schema/index';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import type { Tx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { queueEmail } from '~/utils/email.server';
import { isLocale } from '~/utils/i18n';

/**
 * The "your installment could not be charged" email, queued in the transaction that records the failure, with a
 * fresh link to the plan page (pay the part, update the method). Dedupe key per PaymentIntent: a redelivered
 * failure mails once. Nothing is queued when the customer has no reachable contact.
 */
export async function queueInstallmentFailedEmail(
  tx: Tx,
  input: { installmentId: string; paymentIntentId: string; code: string; retryOn: Date | null },
): Promise<void> {
  const [row] = await tx
    .select({ part: installments, invoice: invoices, seller: business, customer: customers })
    .from(installments)
    .innerJoin(paymentPlans, eq(paymentPlans.id, installments.planId))
    .innerJoin(invoices, eq(invoices.id, paymentPlans.invoiceId))
    .innerJoin(business, eq(business.id, invoices.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(installments.id, input.installmentId));
  if (!row) return;
  const recipients = await invoiceRecipients(tx, row.customer.id);
  if (!recipients.to.length) return;
  const { url } = await mintInvoiceLink(tx, row.invoice.id);
  const locale = isLocale(row.customer.locale) ? row.customer.locale : 'fr';
  const props = {
    locale,
    businessName: row.seller.name,
    logoUrl: row.seller.logoUrl,
    invoiceNumber: row.invoice.number ?? '',
    currency: row.invoice.currency,
    seq: row.part.seq,
    amountMinor: row.part.amountMinor,
    dueDate: row.part.dueDate,
    authenticationRequired: input.code === 'authentication_required',
    retryOn: input.retryOn ? todayIn(row.seller.timeZone, input.retryOn) : null,
    url: `${url}/plan`,
  };
  const { html, text } = await renderEmail(createElement(InstallmentFailedEmail, props));
  await queueEmail(tx, {
    businessId: row.seller.id,
    invoiceId: row.invoice.id,
    customerId: row.customer.id,
    dedupeKey: `installment-failed:${input.paymentIntentId}`,
    template: 'installment-failed',
    locale,
    from: senderFor(row.seller),
    replyTo: row.seller.emailReplyTo ?? row.seller.email,
    to: recipients.to,
    cc: recipients.cc,
    subject: installmentFailedSubject(props),
    html,
    text,
  });
}
