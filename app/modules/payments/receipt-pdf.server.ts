import { invoiceDocument } from '~/i18n/invoice-document';
import { paymentMethods } from '~/i18n/payment-methods';
import { receiptDocument } from '~/i18n/receipt-document';
import {
  BODY_BOTTOM,
  BOLD,
  COLOR,
  drawLetterhead,
  drawPageChrome,
  drawPartyBoxes,
  LEFT,
  measure,
  PAGE,
  partyLines,
  RIGHT,
  startPdf,
  WIDTH,
  write,
  type DocContext,
} from '~/modules/pdf/pdf-kit.server';
import { db, type DbOrTx } from '~/utils/db.server';
import { formatDate, intlTag, translator, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { logoBytes } from '~/modules/settings/logo.server';
import { loadReceipt, type ReceiptData } from './receipt-data.server';

type Ctx = DocContext & { receipt: ReceiptData };

/** The receipt's printed reference: short, stable, and enough to find the payment again. */
export function receiptRef(paymentId: string): string {
  return `R-${paymentId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/**
 * The PDF receipt of one succeeded payment, or null when there is none (within `scope`: one business for the
 * admin, one invoice for a debtor's link). Reads only.
 */
export async function renderReceiptPdf(
  paymentId: string,
  locale: Locale,
  opts: { scope?: { businessId?: string; invoiceId?: string }; tx?: DbOrTx; today?: string } = {},
): Promise<Buffer | null> {
  const tx = opts.tx ?? db();
  const receipt = await loadReceipt(tx, paymentId, opts.scope);
  if (!receipt) return null;
  return receiptPdf(receipt, locale, { today: opts.today, logo: await logoBytes(tx, receipt.businessId) });
}

export async function receiptPdf(
  receipt: ReceiptData,
  locale: Locale,
  opts: { today?: string; logo?: Buffer | null } = {},
): Promise<Buffer> {
  const t = translator(locale, receiptDocument, invoiceDocument, paymentMethods);
  const ref = receiptRef(receipt.paymentId);
  const { doc, done } = startPdf({
    locale,
    title: t('rdoc.titleWithRef', { ref }),
    author: receipt.seller.name,
    subject: t('doc.titleWithNumber', { number: receipt.invoiceNumber }),
    today: opts.today,
  });
  const ctx: Ctx = {
    doc,
    receipt,
    locale,
    t,
    money: (minor) => formatMoney(minor, receipt.currency, intlTag(locale)),
    logo: opts.logo ?? null,
  };
  let y = drawHeader(ctx, ref);
  y = drawPartyBoxes(doc, y + 20, [
    { title: t('doc.seller'), lines: partyLines(t, locale, receipt.seller) },
    { title: t('rdoc.payer'), lines: partyLines(t, locale, receipt.buyer) },
  ]);
  y = drawAmount(ctx, y + 22);
  y = drawInvoice(ctx, y + 24);
  write(doc, t('rdoc.note'), LEFT, Math.max(y + 24, BODY_BOTTOM - 20), {
    size: 8,
    color: COLOR.muted,
    width: WIDTH,
  });
  drawPageChrome(doc, `${receipt.seller.name} · ${t('rdoc.titleWithRef', { ref })}`, (page, pages) =>
    t('doc.page', { page, pages }),
  );
  doc.end();
  return done;
}

function drawHeader({ doc, receipt, locale, t, logo }: Ctx, ref: string): number {
  const boxWidth = 250;
  const boxX = RIGHT - boxWidth;
  const nameBottom = drawLetterhead(doc, {
    name: receipt.seller.name,
    logo,
    size: 18,
    width: WIDTH - boxWidth - 20,
  });
  write(doc, t('rdoc.title'), boxX, PAGE.margin - 2, {
    font: BOLD,
    size: 18,
    color: COLOR.accent,
    width: boxWidth,
    align: 'right',
    characterSpacing: 1.2,
  });
  let y =
    write(doc, `${t('rdoc.ref')} ${ref}`, boxX, doc.y + 2, {
      font: BOLD,
      size: 11,
      width: boxWidth,
      align: 'right',
    }) + 10;
  const meta: [string, string][] = [
    [t('rdoc.receivedOn'), formatDate(receipt.receivedOn, locale)],
    [t('rdoc.invoice'), receipt.invoiceNumber],
  ];
  for (const [label, value] of meta) {
    const labelBottom = write(doc, label, boxX, y, { color: COLOR.muted, width: 110 });
    const valueBottom = write(doc, value, boxX + 110, y, {
      font: BOLD,
      width: boxWidth - 110,
      align: 'right',
    });
    y = Math.max(labelBottom, valueBottom) + 3;
  }
  return Math.max(nameBottom, y);
}

/** The amount in a band, then how it was paid, then the sentence a receipt is for. */
function drawAmount({ doc, receipt, locale, t, money }: Ctx, top: number): number {
  const height = 46;
  doc.roundedRect(LEFT, top, WIDTH, height, 4).fill(COLOR.accent);
  write(doc, t('rdoc.amount').toUpperCase(), LEFT + 14, top + 17, {
    font: BOLD,
    size: 9,
    color: '#ffffff',
    characterSpacing: 0.8,
    width: 200,
  });
  write(doc, money(receipt.amountMinor), LEFT + 200, top + 12, {
    font: BOLD,
    size: 20,
    color: '#ffffff',
    width: WIDTH - 214,
    align: 'right',
  });
  let y = top + height + 10;
  const details: [string, string][] = [];
  if (receipt.method) details.push([t('rdoc.method'), t(`paymentMethod.${receipt.method}`)]);
  if (receipt.reference) details.push([t('rdoc.reference'), receipt.reference]);
  for (const [label, value] of details) {
    write(doc, label, LEFT, y, { color: COLOR.muted, width: 160 });
    y = Math.max(doc.y, write(doc, value, LEFT + 160, y, { font: BOLD, width: WIDTH - 160 })) + 3;
  }
  const statement = t('rdoc.statement', {
    seller: receipt.seller.name,
    payer: receipt.buyer.name,
    amount: money(receipt.amountMinor),
    date: formatDate(receipt.receivedOn, locale),
    number: receipt.invoiceNumber,
    issueDate: formatDate(receipt.issueDate, locale),
  });
  return write(doc, statement, LEFT, y + 8, { size: 10, width: WIDTH, lineGap: 2 });
}

function drawInvoice(ctx: Ctx, top: number): number {
  const { doc, receipt, locale, t, money } = ctx;
  const width = 280;
  const x = RIGHT - width;
  const title = t('rdoc.invoiceTitle', {
    number: receipt.invoiceNumber,
    issueDate: formatDate(receipt.issueDate, locale),
  });
  let y = write(doc, title, x + 6, top, { font: BOLD, size: 10, width: width - 12 }) + 6;
  const rows: { label: string; value: string; strong?: boolean }[] = [
    { label: t('doc.subtotal'), value: money(receipt.subtotalMinor) },
    { label: t('rdoc.tax'), value: money(receipt.taxMinor) },
    { label: t('doc.total'), value: money(receipt.totalMinor), strong: true },
    { label: t('rdoc.settled'), value: money(receipt.settledMinor) },
  ];
  const blockTop = y;
  for (const row of rows) {
    if (row.strong) doc.moveTo(x, y).lineTo(RIGHT, y).lineWidth(0.8).strokeColor(COLOR.ink).stroke();
    const font = row.strong ? BOLD : undefined;
    const labelWidth = 180;
    const h = measure(doc, row.label, labelWidth - 6) + 8;
    write(doc, row.label, x + 6, y + 4, {
      font,
      width: labelWidth - 6,
      color: row.strong ? COLOR.ink : COLOR.muted,
    });
    write(doc, row.value, x + labelWidth, y + 4, { font, width: width - labelWidth - 6, align: 'right' });
    y += Math.max(17, h);
  }
  y += 3;
  doc.rect(x, y, width, 23).fill(COLOR.accent);
  write(doc, t('rdoc.balanceAfter'), x + 6, y + 7, { font: BOLD, size: 9.5, color: '#ffffff', width: 190 });
  write(doc, money(receipt.balanceAfterMinor), x + 190, y + 6.5, {
    font: BOLD,
    size: 10.5,
    color: '#ffffff',
    width: width - 196,
    align: 'right',
  });
  if (receipt.balanceAfterMinor === 0) drawPaidStamp(ctx, blockTop);
  return y + 23;
}

function drawPaidStamp({ doc, t }: Ctx, top: number): void {
  const width = 180;
  const height = 40;
  const x = LEFT + 20;
  const y = top + 14;
  doc
    .save()
    .rotate(-8, { origin: [x + width / 2, y + height / 2] })
    .opacity(0.9);
  doc.roundedRect(x, y, width, height, 5).lineWidth(2.2).strokeColor(COLOR.paid).stroke();
  write(doc, t('rdoc.fullyPaid'), x, y + 13, {
    font: BOLD,
    size: 15,
    color: COLOR.paid,
    width,
    align: 'center',
    characterSpacing: 2,
  });
  doc.restore();
}
