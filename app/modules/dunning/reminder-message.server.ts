import { eq } from 'drizzle-orm';
import { business, customers, invoices } from '#db/schema/index';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import type { DbOrTx, Tx } from '~/utils/db.server';
import { env } from '~/utils/env.server';
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
  const context = await loadContext(tx, input.invoiceId);
  const recipients = await invoiceRecipients(tx, context.customer.id);
  if (!recipients.to.length) return { skipped: 'no_recipient' };
  const { url } = await mintInvoiceLink(tx, input.invoiceId);
  const message = buildMessage(context, input.step, input.asOf, url);
  const queued = await queueEmail(tx, {
    businessId: context.seller.id,
    invoiceId: context.invoice.id,
    customerId: context.customer.id,
    dedupeKey: `reminder:${context.invoice.id}:${input.step.id}`,
    template: `reminder-${input.step.tone}`,
    locale: context.locale,
    from: senderFor(context.seller),
    replyTo: context.seller.emailReplyTo ?? context.seller.email,
    to: recipients.to,
    cc: recipients.cc,
    ...message,
  });
  return queued ? { emailId: queued.id } : { skipped: 'already_queued' };
}

/**
 * What a step would send for a real invoice, in the given language, without minting a link or writing anything
 * (the admin area's live preview). The link is a visible placeholder.
 */
export async function previewReminder(
  tx: DbOrTx,
  input: { invoiceId: string; step: Omit<ReminderStep, 'id'>; locale: Locale; asOf: string },
): Promise<{ subject: string; html: string; text: string }> {
  const context = await loadContext(tx, input.invoiceId);
  return buildMessage({ ...context, locale: input.locale }, input.step, input.asOf, `${env().APP_URL}/i/…`);
}

type Context = Awaited<ReturnType<typeof loadContext>>;

async function loadContext(tx: DbOrTx, invoiceId: string) {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw new Error('reminder: unknown invoice');
  const [seller] = await tx.select().from(business).where(eq(business.id, invoice.businessId));
  const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
  if (!seller || !customer) throw new Error('reminder: invoice without business or customer');
  const ledger = await invoiceLedger(tx, invoice.id);
  const locale: Locale = isLocale(customer.locale) ? customer.locale : 'fr';
  return { invoice, seller, customer, locale, balanceMinor: ledger?.balanceMinor ?? invoice.totalMinor };
}

function buildMessage(context: Context, step: Omit<ReminderStep, 'id'>, asOf: string, url: string) {
  const { invoice, locale } = context;
  const vars: Record<string, string> = {
    customer_name: context.customer.name,
    business_name: context.seller.name,
    invoice_number: invoice.number ?? '',
    amount_due: formatMoney(context.balanceMinor, invoice.currency, locale),
    due_date: formatDate(invoice.dueDate, locale),
    days_late: String(Math.max(0, daysBetween(invoice.dueDate, asOf))),
    penalties_total: '',
    notice_deadline: '',
  };
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
  const subject = fill(locale === 'fr' ? step.subjectFr : step.subjectEn);
  const body = fill(locale === 'fr' ? step.bodyFr : step.bodyEn);
  return {
    subject,
    text: `${body}\n\n${url}\n`,
    html: `<p>${escapeHtml(body).replace(/\n/g, '<br>')}</p><p><a href="${url}">${url}</a></p>`,
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
