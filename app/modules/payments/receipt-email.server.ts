import { createElement } from 'react';
import PaymentReceipt, { paymentReceiptSubject, type PaymentReceiptProps } from '#emails/payment-receipt';
import { renderEmail } from '#emails/render.server';
import { recordEvent } from '~/modules/audit/record-event.server';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { senderFor } from '~/modules/email/sender.server';
import type { Tx } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import { loadReceipt } from './receipt-data.server';

/**
 * Queues the "payment received" email, with the PDF receipt attached at delivery, to the invoice's recipients.
 * Safe to call any number of times for one payment (webhook redeliveries, retries): the dedupe key
 * `receipt:<paymentId>` mails once. Does nothing for a payment that has not succeeded, or without recipients.
 */
export async function queueReceiptEmail(tx: Tx, input: { paymentId: string }): Promise<void> {
  const receipt = await loadReceipt(tx, input.paymentId);
  if (!receipt) return;
  const recipients = await invoiceRecipients(tx, receipt.customerId);
  if (!recipients.to.length) return;
  const seller = receipt.business;
  const props: PaymentReceiptProps = {
    locale: receipt.customerLocale,
    businessName: seller.name,
    logoUrl: seller.logoUrl,
    customerName: receipt.customerName,
    invoiceNumber: receipt.invoiceNumber,
    currency: receipt.currency,
    amountMinor: receipt.amountMinor,
    receivedOn: receipt.receivedOn,
    method: receipt.method,
    totalMinor: receipt.totalMinor,
    balanceMinor: receipt.balanceAfterMinor,
    contactEmail: seller.emailReplyTo ?? seller.email,
    contactPhone: seller.phone,
  };
  const { html, text } = await renderEmail(createElement(PaymentReceipt, props));
  const queued = await queueEmail(tx, {
    businessId: seller.id,
    invoiceId: receipt.invoiceId,
    customerId: receipt.customerId,
    dedupeKey: `receipt:${receipt.paymentId}`,
    template: 'payment-receipt',
    locale: props.locale,
    from: senderFor(seller),
    replyTo: seller.emailReplyTo ?? seller.email,
    to: recipients.to,
    cc: recipients.cc,
    subject: paymentReceiptSubject(props),
    html,
    text,
    attachments: [
      {
        filename: `receipt-${safeFilename(receipt.invoiceNumber)}.pdf`,
        kind: 'payment-receipt',
        refId: receipt.paymentId,
      },
    ],
  });
  if (!queued) return;
  await recordEvent(tx, {
    businessId: seller.id,
    invoiceId: receipt.invoiceId,
    customerId: receipt.customerId,
    type: 'payment.receipt_emailed',
    actor: { type: 'system' },
    data: {
      paymentId: receipt.paymentId,
      amountMinor: receipt.amountMinor,
      emailedTo: recipients.to,
      copied: recipients.cc,
    },
  });
}

function safeFilename(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]/g, '-');
}
