import { renderAcceptancePdf } from '~/modules/acceptance/acceptance-pdf.server';
import { renderCreditNotePdf } from '~/modules/disputes/credit-note-pdf.server';
import { renderFormalNoticePdf } from '~/modules/dunning/formal-notice-pdf.server';
import { renderReceiptPdf } from '~/modules/payments/receipt-pdf.server';
import type { DbOrTx } from '~/utils/db.server';
import type { EmailAttachment } from '~/utils/email.server';
import { isLocale } from '~/utils/i18n';

export type RenderedAttachment = { filename: string; content: Buffer; contentType: string };

/**
 * Renders an outbox email's attachments from their kind and id, at delivery time: the outbox stores what to attach,
 * never the bytes. Each stays within the email's business. One that cannot be rendered (its record is gone, or an
 * unknown kind) is left out rather than holding the email back.
 */
export async function renderAttachments(
  tx: DbOrTx,
  email: { businessId: string; locale: string; attachments: EmailAttachment[] | null },
): Promise<RenderedAttachment[]> {
  const locale = isLocale(email.locale) ? email.locale : 'fr';
  const rendered: RenderedAttachment[] = [];
  for (const attachment of email.attachments ?? []) {
    const content = await renderAttachment(tx, attachment, email.businessId, locale);
    if (content) rendered.push({ filename: attachment.filename, content, contentType: 'application/pdf' });
  }
  return rendered;
}

/** The bytes of one attachment, or null; also serves the admin outbox's download link. */
export async function renderAttachment(
  tx: DbOrTx,
  attachment: EmailAttachment,
  businessId: string,
  locale: 'fr' | 'en',
): Promise<Buffer | null> {
  if (attachment.kind === 'payment-receipt') {
    return renderReceiptPdf(attachment.refId, locale, { tx, scope: { businessId } });
  }
  if (attachment.kind === 'formal-notice') {
    return renderFormalNoticePdf(tx, attachment.refId, businessId, locale);
  }
  if (attachment.kind === 'acceptance-letter') {
    return (await renderAcceptancePdf(tx, { businessId }, locale, attachment.refId))?.pdf ?? null;
  }
  if (attachment.kind === 'credit-note') {
    return (await renderCreditNotePdf(tx, attachment.refId, { businessId }, locale))?.pdf ?? null;
  }
  return null;
}
