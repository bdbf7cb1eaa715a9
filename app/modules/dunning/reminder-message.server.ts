import { eq } from 'drizzle-orm';
import { business, customers, invoices } from '#db/schema/index';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import type { Tx } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import { formatDate, isLocale, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { daysBetween } from '~/utils/dates';
import type { ReminderStep } from './types';

/**
 * FIRST CUT (to be replaced by the React Email version): queues the reminder email for one (invoice, step) inside
 * the sweep's transaction, with a freshly minted debtor link. Dedupe key `reminder:<invoice>:<step>`, so a retried
 * step never mails twice. Returns the email id, or why nothing was queued.
 */
export async function queueReminderEmail(
  tx: Tx,
  input: { invoiceId: string; step: ReminderStep; asOf: string },
): Promise<{ emailId: string } | { skipped: 'no_recipient' | 'already_queued' }> {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, input.invoiceId));
  if (!invoice) throw new Error('queueReminderEmail: unknown invoice');
  const [seller] = await tx.select().from(business).where(eq(business.id, invoice.businessId));
  const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
  if (!seller || !customer) throw new Error('queueReminderEmail: invoice without business or customer');
  const recipients = await invoiceRecipients(tx, customer.id);
  if (!recipients.to.length) return { skipped: 'no_recipient' };
  const locale: Locale = isLocale(customer.locale) ? customer.locale : 'fr';
  const ledger = await invoiceLedger(tx, invoice.id);
  const { url } = await mintInvoiceLink(tx, invoice.id);
  const vars: Record<string, string> = {
    customer_name: customer.name,
    business_name: seller.name,
    invoice_number: invoice.number ?? '',
    amount_due: formatMoney(ledger?.balanceMinor ?? invoice.totalMinor, invoice.currency, locale),
    due_date: formatDate(invoice.dueDate, locale),
    days_late: String(Math.max(0, daysBetween(invoice.dueDate, input.asOf))),
    penalties_total: '',
    notice_deadline: '',
  };
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
  const subject = fill(locale === 'fr' ? input.step.subjectFr : input.step.subjectEn);
  const body = fill(locale === 'fr' ? input.step.bodyFr : input.step.bodyEn);
  const text = `${body}\n\n${url}\n`;
  const html = `<p>${escapeHtml(body).replace(/\n/g, '<br>')}</p><p><a href="${url}">${url}</a></p>`;
  const queued = await queueEmail(tx, {
    businessId: seller.id,
    invoiceId: invoice.id,
    customerId: customer.id,
    dedupeKey: `reminder:${invoice.id}:${input.step.id}`,
    template: `reminder-${input.step.tone}`,
    locale,
    from: senderFor(seller),
    replyTo: seller.emailReplyTo ?? seller.email,
    to: recipients.to,
    cc: recipients.cc,
    subject,
    html,
    text,
  });
  return queued ? { emailId: queued.id } : { skipped: 'already_queued' };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
