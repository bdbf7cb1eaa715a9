import { and, eq, sql } from 'drizzle-orm';
import { createElement } from 'react';
import StatementLinkEmail, { statementLinkSubject } from '#emails/statement-link';
import { renderEmail } from '#emails/render.server';
import { business, customers, invoices } from '#db/schema/index';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import type { DbOrTx } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import { isLocale } from '~/utils/i18n';

/** Open invoices of a customer and what they owe per currency. */
export async function openInvoiceSummary(tx: DbOrTx, customerId: string) {
  const id = sql.raw('"invoices"."id"');
  const rows = await tx
    .select({
      currency: invoices.currency,
      count: sql<number>`count(*)`.mapWith(Number),
      balance: sql<string>`sum(greatest(0, ${invoices.totalMinor} - ${paidMinorSql(id)} - ${creditedMinorSql(id)}))`,
    })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), eq(invoices.status, 'open')))
    .groupBy(invoices.currency);
  return {
    count: rows.reduce((n, r) => n + r.count, 0),
    balances: rows.map((r) => ({ currency: r.currency, balanceMinor: Number(r.balance) })),
  };
}

/**
 * Queues the email carrying a statement link to the customer's billing contacts (accounts payable copied), once per
 * `dedupeKey`. False when nobody can receive it.
 */
export async function sendStatementLinkEmail(
  tx: DbOrTx,
  input: { customerId: string; url: string; dedupeKey: string },
): Promise<boolean> {
  const [row] = await tx
    .select({ customer: customers, seller: business })
    .from(customers)
    .innerJoin(business, eq(business.id, customers.businessId))
    .where(eq(customers.id, input.customerId));
  const recipients = await invoiceRecipients(tx, input.customerId);
  if (!row || !recipients.to.length) return false;
  const { customer, seller } = row;
  const locale = isLocale(customer.locale) ? customer.locale : 'fr';
  const summary = await openInvoiceSummary(tx, customer.id);
  const props = {
    locale,
    businessName: seller.name,
    logoUrl: seller.logoUrl,
    customerName: customer.name,
    openInvoices: summary.count,
    balances: summary.balances,
    url: input.url,
    contactEmail: seller.emailReplyTo ?? seller.email,
  };
  const { html, text } = await renderEmail(createElement(StatementLinkEmail, props));
  const queued = await queueEmail(tx, {
    businessId: seller.id,
    customerId: customer.id,
    dedupeKey: input.dedupeKey,
    template: 'statement-link',
    locale,
    from: senderFor(seller),
    replyTo: seller.emailReplyTo ?? seller.email,
    to: recipients.to,
    cc: recipients.cc,
    subject: statementLinkSubject({ locale, businessName: seller.name }),
    html,
    text,
  });
  return Boolean(queued);
}
