import { and, eq, inArray, sql } from 'drizzle-orm';
import { createElement } from 'react';
import ReminderEmail, { type ReminderEmailProps } from '#emails/reminder';
import { renderEmail } from '#emails/render.server';
import { business, customers, disputes, emails, invoices } from '#db/schema/index';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { sellerSnapshot } from '~/modules/invoices/parties.server';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import { reminderStatementLink } from '~/modules/statements/reminder-statement.server';
import type { DbOrTx, Tx } from '~/utils/db.server';
import { queueEmail, type EmailAttachment } from '~/utils/email.server';
import { env } from '~/utils/env.server';
import { isLocale, type Locale } from '~/utils/i18n';
import { formalNoticeFilename, formalNoticeRef } from './formal-notice-pdf.server';
import { fillTemplate, paragraphs } from './placeholders';
import { reminderFigures, type ReminderFacts } from './reminder-figures';
import type { ReminderStep } from './types';

type Step = Omit<ReminderStep, 'id'>;

/**
 * Queues the reminder email for one (invoice, step) inside the sweep's transaction, with a freshly minted debtor
 * link; a `letter` step attaches the formal notice PDF (rendered at delivery). Dedupe key
 * `reminder:<invoice>:<step>`, so a retried step never mails twice (and mints no link when it was already queued).
 * Billing contacts receive it, accounts payable are copied, suppressed addresses are left out. Only for the `email`
 * and `letter` channels.
 */
export async function queueReminderEmail(
  tx: Tx,
  input: { invoiceId: string; step: ReminderStep; asOf: string },
): Promise<{ emailId: string } | { skipped: 'no_recipient' | 'already_queued' }> {
  const { step } = input;
  if (step.channel !== 'email' && step.channel !== 'letter') {
    throw new Error(`queueReminderEmail: a ${step.channel} step sends no email`);
  }
  const context = await loadContext(tx, input.invoiceId);
  const recipients = await invoiceRecipients(tx, context.customer.id);
  if (!recipients.to.length) return { skipped: 'no_recipient' };
  const dedupeKey = `reminder:${context.invoice.id}:${step.id}`;
  const [existing] = await tx.select({ id: emails.id }).from(emails).where(eq(emails.dedupeKey, dedupeKey));
  if (existing) return { skipped: 'already_queued' };
  const { url } = await mintInvoiceLink(tx, input.invoiceId);
  const statement = await reminderStatementLink(tx, context.customer.id);
  const message = await buildMessage(context, step, input.asOf, url, statement);
  const queued = await queueEmail(tx, {
    businessId: context.seller.id,
    invoiceId: context.invoice.id,
    customerId: context.customer.id,
    dedupeKey,
    template: `reminder-${step.tone}`,
    locale: context.locale,
    from: senderFor(context.seller),
    replyTo: context.seller.emailReplyTo ?? context.seller.email,
    to: recipients.to,
    cc: recipients.cc,
    subject: message.subject,
    html: message.html,
    text: message.text,
    attachments: message.attachments,
  });
  return queued ? { emailId: queued.id } : { skipped: 'already_queued' };
}

/** Stands in for the debtor link in previews: visibly not a real one, and no token is minted. */
export function previewLink(): string {
  return `${env().APP_URL}/i/…`;
}

/**
 * What a step would send for a real invoice on `asOf`, in the given language, without minting a link or writing
 * anything (the admin area's live preview). The link is a visible placeholder.
 */
export async function previewReminder(
  tx: DbOrTx,
  input: { invoiceId: string; step: Omit<ReminderStep, 'id'>; locale: Locale; asOf: string },
): Promise<{ subject: string; html: string; text: string }> {
  const context = await loadContext(tx, input.invoiceId);
  const { subject, html, text } = await buildMessage(
    { ...context, locale: input.locale },
    input.step,
    input.asOf,
    previewLink(),
    await reminderStatementLink(tx, context.customer.id, { preview: true }),
  );
  return { subject, html, text };
}

type Context = Awaited<ReturnType<typeof loadContext>>;

async function loadContext(tx: DbOrTx, invoiceId: string) {
  const [row] = await tx
    .select({ invoice: invoices, seller: business, customer: customers })
    .from(invoices)
    .innerJoin(business, eq(business.id, invoices.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(invoices.id, invoiceId));
  if (!row) throw new Error('reminder: unknown invoice');
  const ledger = await invoiceLedger(tx, invoiceId);
  const [disputed] = await tx
    .select({ minor: sql<string>`COALESCE(SUM(${disputes.amountMinor}), 0)` })
    .from(disputes)
    .where(
      and(
        eq(disputes.invoiceId, invoiceId),
        inArray(disputes.status, ['waiting_for_us', 'waiting_for_them']),
      ),
    );
  const balanceMinor = ledger?.balanceMinor ?? row.invoice.totalMinor;
  const locale: Locale = isLocale(row.customer.locale) ? row.customer.locale : 'fr';
  return { ...row, locale, amountDueMinor: Math.max(0, balanceMinor - Number(disputed?.minor ?? 0)) };
}

async function buildMessage(
  context: Context,
  step: Step,
  asOf: string,
  url: string,
  statement: ReminderEmailProps['statement'] = null,
) {
  const { invoice, seller, customer, locale } = context;
  const facts: ReminderFacts = {
    locale,
    businessName: seller.name,
    customerName: customer.name,
    invoiceNumber: invoice.number ?? '',
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    amountDueMinor: context.amountDueMinor,
    penaltyRateBps: invoice.penaltyRateBps,
    recoveryIndemnityMinor: invoice.recoveryIndemnityMinor,
    installmentOffers: seller.installmentOffers.length,
    promiseMaxDays: seller.promiseMaxDays,
  };
  const figures = reminderFigures(facts, step, asOf);
  const letter = step.channel === 'letter';
  const notice = letter
    ? { filename: formalNoticeFilename(facts.invoiceNumber, locale), deadline: figures.noticeDeadline }
    : null;
  const props: ReminderEmailProps = {
    locale,
    tone: step.tone,
    notice,
    paragraphs: paragraphs(fillTemplate(locale === 'fr' ? step.bodyFr : step.bodyEn, figures.vars)),
    business: {
      name: seller.name,
      logoUrl: seller.logoUrl,
      legalForm: seller.legalForm,
      addressLines: sellerSnapshot(seller).addressLines,
      country: seller.country,
      siren: seller.siren,
      vatNumber: seller.vatNumber,
      email: seller.emailReplyTo ?? seller.email,
      phone: seller.phone,
      website: seller.website,
    },
    invoiceNumber: facts.invoiceNumber,
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    asOf,
    amountDueMinor: context.amountDueMinor,
    daysLate: figures.daysLate,
    url,
    actions: figures.actions,
    penalty: figures.showPenalties ? figures.penalty : null,
    statement,
  };
  const { html, text } = await renderEmail(createElement(ReminderEmail, props));
  const subject = fillTemplate(locale === 'fr' ? step.subjectFr : step.subjectEn, figures.vars)
    .replace(/\s+/g, ' ')
    .trim();
  const attachments: EmailAttachment[] | undefined = notice
    ? [
        {
          filename: notice.filename,
          kind: 'formal-notice',
          refId: formalNoticeRef({
            invoiceId: invoice.id,
            letterDate: asOf,
            amountDueMinor: context.amountDueMinor,
          }),
        },
      ]
    : undefined;
  return { subject, html, text, attachments };
}
