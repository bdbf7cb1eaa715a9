import { creditorReference, formatCreditorReference } from '~/modules/payments/creditor-reference';
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
  REGULAR,
  RIGHT,
  startPdf,
  WIDTH,
  write,
  type Doc,
  type DocContext,
} from '~/modules/pdf/pdf-kit.server';
import { invoiceDocument } from '~/i18n/invoice-document';
import { formatDate, formatPercentBps, intlTag, translator, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { computeTotals } from './totals';
import type { InvoiceLineView, InvoiceView } from './types';

type Ctx = DocContext & { view: InvoiceView };

const CELL = { padX: 6, padY: 5, size: 9 };
const COLUMNS = [
  { key: 'description', width: WIDTH - 276, align: 'left' },
  { key: 'quantity', width: 64, align: 'right' },
  { key: 'unitPrice', width: 82, align: 'right' },
  { key: 'taxRate', width: 46, align: 'right' },
  { key: 'total', width: 84, align: 'right' },
] as const;

/** Renders the invoice as an A4 PDF carrying the mentions French law requires on a B2B invoice. */
export async function renderInvoicePdf(
  view: InvoiceView,
  locale: Locale,
  opts: { today?: string; logo?: Buffer | null } = {},
): Promise<Buffer> {
  const t = translator(locale, invoiceDocument);
  const { doc, done } = startPdf({
    locale,
    title: view.number,
    author: view.seller.name,
    subject: t('doc.titleWithNumber', { number: view.number }),
    today: opts.today,
  });

  const ctx: Ctx = {
    doc,
    view,
    locale,
    t,
    money: (minor) => formatMoney(minor, view.currency, intlTag(locale)),
    logo: opts.logo ?? null,
  };
  let y = drawHeader(ctx);
  y = drawParties(ctx, y + 20);
  y = drawLines(ctx, y + 24);
  y = drawTotals(ctx, y + 14);
  y = drawNotes(ctx, y + 18);
  drawMentions(ctx, y + 24);
  drawPageChrome(
    doc,
    `${view.seller.name} · ${t('doc.titleWithNumber', { number: view.number })}`,
    (page, pages) => t('doc.page', { page, pages }),
  );
  doc.end();
  return done;
}

/** 1500 -> "1,5" (fr) / "1.5" (en); thousandths are exact integers, so no float ever reaches the output. */
export function formatQuantity(quantityMilli: number, locale: Locale): string {
  const abs = Math.abs(quantityMilli);
  const whole = new Intl.NumberFormat(intlTag(locale)).format((abs - (abs % 1000)) / 1000);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  const decimal = new Intl.NumberFormat(intlTag(locale))
    .formatToParts(1.5)
    .find((p) => p.type === 'decimal')?.value;
  return `${quantityMilli < 0 ? '-' : ''}${whole}${fraction ? `${decimal ?? '.'}${fraction}` : ''}`;
}

function drawHeader({ doc, view, locale, t, logo }: Ctx): number {
  const boxWidth = 230;
  const boxX = RIGHT - boxWidth;
  const nameBottom = drawLetterhead(doc, {
    name: view.seller.name,
    logo,
    size: 18,
    width: WIDTH - boxWidth - 20,
  });

  write(doc, t('doc.title'), boxX, PAGE.margin - 3, {
    font: BOLD,
    size: 22,
    color: COLOR.accent,
    width: boxWidth,
    align: 'right',
    characterSpacing: 1.5,
  });
  let y =
    write(doc, `${t('doc.number')} ${view.number}`, boxX, doc.y + 2, {
      font: BOLD,
      size: 11,
      width: boxWidth,
      align: 'right',
    }) + 10;

  const meta: [string, string][] = [
    [t('doc.issueDate'), formatDate(view.issueDate, locale)],
    [t('doc.dueDate'), formatDate(view.dueDate, locale)],
  ];
  // When delivery or service was not on the issue date, the law wants its date on the invoice.
  if (view.deliveryDate && view.deliveryDate !== view.issueDate) {
    meta.push([t('doc.deliveryDate'), formatDate(view.deliveryDate, locale)]);
  }
  if (view.purchaseOrder) meta.push([t('doc.purchaseOrder'), view.purchaseOrder]);
  for (const [label, value] of meta) {
    const labelBottom = write(doc, label, boxX, y, { color: COLOR.muted, width: 100 });
    const valueBottom = write(doc, value, boxX + 100, y, {
      font: BOLD,
      width: boxWidth - 100,
      align: 'right',
    });
    y = Math.max(labelBottom, valueBottom) + 3;
  }
  return Math.max(nameBottom, y);
}

function drawParties({ doc, t, locale, view }: Ctx, top: number): number {
  return drawPartyBoxes(doc, top, [
    { title: t('doc.seller'), lines: partyLines(t, locale, view.seller) },
    { title: t('doc.buyer'), lines: partyLines(t, locale, view.buyer) },
  ]);
}

function lineCells({ locale, money }: Ctx, line: InvoiceLineView): string[] {
  const quantity = formatQuantity(line.quantityMilli, locale);
  return [
    line.description,
    line.unit ? `${quantity}\u00a0${line.unit}` : quantity,
    money(line.unitPriceMinor),
    formatPercentBps(line.taxRateBps, locale),
    money(line.lineTotalMinor),
  ];
}

function rowHeight(doc: Doc, cells: string[], font: string, size: number): number {
  const heights = cells.map((text, i) => measure(doc, text, COLUMNS[i]!.width - 2 * CELL.padX, font, size));
  return Math.max(...heights) + 2 * CELL.padY;
}

function drawRow(doc: Doc, cells: string[], y: number, font: string, size: number, color: string): void {
  let x = LEFT;
  cells.forEach((text, i) => {
    const col = COLUMNS[i]!;
    write(doc, text, x + CELL.padX, y + CELL.padY, {
      font,
      size,
      color,
      width: col.width - 2 * CELL.padX,
      align: col.align,
    });
    x += col.width;
  });
}

function drawTableHeader({ doc, t }: Ctx, y: number): number {
  const cells = COLUMNS.map((c) => t(`doc.col.${c.key}`));
  const height = rowHeight(doc, cells, BOLD, 8);
  doc.rect(LEFT, y, WIDTH, height).fill(COLOR.accent);
  drawRow(doc, cells, y, BOLD, 8, '#ffffff');
  return y + height;
}

/** Starts a new page with a reminder of whose invoice this is; returns where the body continues. */
function continuePage({ doc, view, t }: Ctx): number {
  doc.addPage();
  const y = write(
    doc,
    `${view.seller.name} · ${t('doc.continued', { number: view.number })}`,
    LEFT,
    PAGE.margin,
    { color: COLOR.muted, width: WIDTH },
  );
  return y + 12;
}

function drawLines(ctx: Ctx, top: number): number {
  const { doc, view } = ctx;
  let y = drawTableHeader(ctx, top);
  for (const line of view.lines) {
    const cells = lineCells(ctx, line);
    const height = rowHeight(doc, cells, REGULAR, CELL.size);
    if (y + height > BODY_BOTTOM) y = drawTableHeader(ctx, continuePage(ctx));
    drawRow(doc, cells, y, REGULAR, CELL.size, COLOR.ink);
    y += height;
    doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  }
  return y;
}

function drawTotals(ctx: Ctx, top: number): number {
  const { doc, view, locale, t, money } = ctx;
  const taxes = computeTotals(view.lines).taxes;
  const rows: { label: string; value: string; strong?: boolean }[] = [
    { label: t('doc.subtotal'), value: money(view.subtotalMinor) },
    ...taxes.map((tax) => ({
      label:
        t('doc.taxAt', { rate: formatPercentBps(tax.rateBps, locale) }) +
        (taxes.length > 1 ? ` (${money(tax.baseMinor)})` : ''),
      value: money(tax.taxMinor),
    })),
    { label: t('doc.total'), value: money(view.totalMinor), strong: true },
    { label: t('doc.paid'), value: money(view.paidMinor) },
  ];
  if (view.creditedMinor > 0) rows.push({ label: t('doc.credited'), value: money(view.creditedMinor) });

  const rowH = 17;
  const width = 260;
  const x = RIGHT - width;
  const height = rows.length * rowH + 26;
  let y = top + height > BODY_BOTTOM ? continuePage(ctx) : top;
  const blockTop = y;
  for (const row of rows) {
    if (row.strong) doc.moveTo(x, y).lineTo(RIGHT, y).lineWidth(0.8).strokeColor(COLOR.ink).stroke();
    const font = row.strong ? BOLD : REGULAR;
    write(doc, row.label, x + CELL.padX, y + 4, {
      font,
      width: 160,
      color: row.strong ? COLOR.ink : COLOR.muted,
    });
    write(doc, row.value, x + 160, y + 4, { font, width: width - 160 - CELL.padX, align: 'right' });
    y += rowH;
  }
  y += 3;
  doc.rect(x, y, width, 23).fill(COLOR.accent);
  write(doc, t('doc.balanceDue'), x + CELL.padX, y + 6.5, {
    font: BOLD,
    size: 10.5,
    color: '#ffffff',
    width: 150,
  });
  write(doc, money(view.balanceMinor), x + 150, y + 6.5, {
    font: BOLD,
    size: 10.5,
    color: '#ffffff',
    width: width - 150 - CELL.padX,
    align: 'right',
  });
  drawStamp(ctx, blockTop);
  y += 23;
  if (!view.vatExemption) return y;
  // Why no VAT is charged, as the law wants it printed (CGI art. 242 nonies A).
  const mention = t(`vat.${view.vatExemption}`);
  const mentionTop = y + 8 + measure(doc, mention, width, BOLD) > BODY_BOTTOM ? continuePage(ctx) : y + 8;
  return write(doc, mention, x, mentionTop, { font: BOLD, width });
}

/** A paid or void invoice says so at a glance, beside the totals. */
function drawStamp({ doc, view, locale, t }: Ctx, top: number): void {
  if (view.status !== 'paid' && view.status !== 'void') return;
  const paid = view.status === 'paid';
  const color = paid ? COLOR.paid : COLOR.void;
  const title = t(paid ? 'doc.stamp.paid' : 'doc.stamp.void');
  const at = paid ? view.paidAt : view.voidedAt;
  const date = at
    ? new Intl.DateTimeFormat(intlTag(locale), {
        dateStyle: 'long',
        timeZone: view.business.timeZone,
      }).format(new Date(at))
    : null;
  const width = 170;
  const height = date && paid ? 50 : 38;
  const x = LEFT + 30;
  const y = top + 12;
  doc
    .save()
    .rotate(-8, { origin: [x + width / 2, y + height / 2] })
    .opacity(0.9);
  doc.roundedRect(x, y, width, height, 5).lineWidth(2.2).strokeColor(color).stroke();
  write(doc, title, x, y + 9, { font: BOLD, size: 20, color, width, align: 'center', characterSpacing: 3 });
  if (date && paid)
    write(doc, t('doc.stamp.paidOn', { date }), x, y + 33, {
      font: BOLD,
      size: 9,
      color,
      width,
      align: 'center',
    });
  doc.restore();
}

function drawNotes(ctx: Ctx, top: number): number {
  const { doc, view, t } = ctx;
  if (!view.notes) return top;
  const height = 14 + measure(doc, view.notes, WIDTH);
  const y = top + height > BODY_BOTTOM ? continuePage(ctx) : top;
  write(doc, t('doc.notes'), LEFT, y, { font: BOLD, size: 9 });
  return write(doc, view.notes, LEFT, doc.y + 2, { width: WIDTH });
}

function mentions({ view, locale, t }: Ctx): { title: string; text: string }[] {
  const due = formatDate(view.dueDate, locale);
  const terms = view.business.paymentTermsText
    ? t('doc.terms.custom', { text: view.business.paymentTermsText.trim(), date: due })
    : view.termsDays === 0
      ? t('doc.terms.onReceipt', { date: due })
      : t('doc.terms.days', { days: view.termsDays, date: due });
  const rate =
    view.penaltyRateBps === null
      ? t('doc.penalty.statutory')
      : t('doc.penalty.rate', { rate: formatPercentBps(view.penaltyRateBps, locale) });
  // The statute fixes the recovery indemnity in euros, whatever the invoice's currency.
  const indemnity = formatMoney(view.recoveryIndemnityMinor, 'EUR', intlTag(locale));
  const online = [
    t('doc.methods.card'),
    ...(view.currency === 'EUR' ? [t('doc.methods.sepa')] : []),
    ...(view.currency === 'USD' ? [t('doc.methods.ach')] : []),
  ];
  const methods = [t('doc.methods.online', { methods: online.join(', ') })];
  if (view.business.iban) {
    const iban = view.business.iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
    const bic = view.business.bic ? t('doc.methods.bic', { bic: view.business.bic }) : '';
    methods.push(
      t('doc.methods.transferDetails', {
        iban,
        bic,
        number: formatCreditorReference(creditorReference(view.number)),
      }),
    );
  }
  return [
    { title: t('doc.terms.title'), text: `${terms} ${t('doc.terms.noDiscount')}` },
    { title: t('doc.penalty.title'), text: t('doc.penalty.text', { rate, indemnity }) },
    { title: t('doc.methods.title'), text: methods.join('\n') },
  ];
}

/** The legal mentions sit at the foot of the last page, or start a page of their own when there is no room. */
function drawMentions(ctx: Ctx, top: number): void {
  const { doc } = ctx;
  const sections = mentions(ctx);
  const gap = 7;
  const height = sections.reduce(
    (h, s) => h + measure(doc, s.title, WIDTH, BOLD, 8) + 1 + measure(doc, s.text, WIDTH, REGULAR, 8) + gap,
    10,
  );
  let y = top + height > BODY_BOTTOM ? continuePage(ctx) : BODY_BOTTOM - height;
  doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
  y += 10;
  for (const section of sections) {
    y = write(doc, section.title, LEFT, y, { font: BOLD, size: 8 }) + 1;
    y = write(doc, section.text, LEFT, y, { size: 8, color: COLOR.muted, width: WIDTH }) + gap;
  }
}
