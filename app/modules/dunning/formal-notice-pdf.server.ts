import { and, eq } from 'drizzle-orm';
import { business, customers, invoices } from '#db/schema/index';
import type { PartySnapshot } from '#db/schema/invoices';
import { invoiceDocument } from '~/i18n/invoice-document';
import { buyerSnapshot, sellerSnapshot } from '~/modules/invoices/parties.server';
import { ECB_RATE_BPS, latePenalty, type LatePenalty } from '~/modules/invoices/penalties';
import { creditorReference, formatCreditorReference } from '~/modules/payments/creditor-reference';
import {
  BODY_BOTTOM,
  BOLD,
  COLOR,
  countryName,
  drawLogoTopLeft,
  drawPageChrome,
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
import { addDaysIso } from '~/utils/dates';
import type { DbOrTx } from '~/utils/db.server';
import { formatDate, formatPercentBps, intlTag, translator, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { logoBytes } from '~/modules/settings/logo.server';
import { formalNoticeCopy } from './formal-notice-copy';
import { penaltyAmounts } from './penalty-text';
import { NOTICE_DAYS } from './reminder-figures';

/** Everything the letter states, fixed on its date. */
export type FormalNoticeData = {
  letterDate: string;
  deadline: string;
  sender: PartySnapshot;
  senderCity: string;
  recipient: PartySnapshot;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  totalMinor: number;
  amountDueMinor: number;
  penalty: LatePenalty | null;
  iban: string | null;
  bic: string | null;
};

/**
 * The outbox stores what to attach, never the bytes: a formal notice is named by its invoice, its date and the
 * principal it claims, so the PDF rendered at delivery (or downloaded later from the outbox) says exactly what the
 * email said, even if a payment arrived in between.
 */
export function formalNoticeRef(input: {
  invoiceId: string;
  letterDate: string;
  amountDueMinor: number;
}): string {
  return `${input.invoiceId}:${input.letterDate}:${input.amountDueMinor}`;
}

function parseRef(refId: string): { invoiceId: string; letterDate: string; amountDueMinor: number } | null {
  const m =
    /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d{4}-\d{2}-\d{2}):(\d{1,15})$/.exec(
      refId,
    );
  if (!m) return null;
  return { invoiceId: m[1]!, letterDate: m[2]!, amountDueMinor: Number(m[3]) };
}

export function formalNoticeFilename(invoiceNumber: string, locale: Locale): string {
  const number = invoiceNumber.replace(/[^A-Za-z0-9._-]/g, '-');
  return translator(locale, formalNoticeCopy)('fn.filename', { number });
}

/** The facts of a formal notice for one invoice of `businessId`, or null when there is no such invoice. */
export async function loadFormalNotice(
  tx: DbOrTx,
  input: { businessId: string; invoiceId: string; letterDate: string; amountDueMinor: number },
): Promise<FormalNoticeData | null> {
  const [row] = await tx
    .select({ invoice: invoices, seller: business, customer: customers })
    .from(invoices)
    .innerJoin(business, eq(business.id, invoices.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(eq(invoices.id, input.invoiceId), eq(invoices.businessId, input.businessId)));
  const number = row?.invoice.number;
  if (!row || !number) return null;
  const { invoice, seller, customer } = row;
  return {
    letterDate: input.letterDate,
    deadline: addDaysIso(input.letterDate, NOTICE_DAYS),
    sender: sellerSnapshot(seller),
    senderCity: seller.city,
    recipient: buyerSnapshot(customer),
    invoiceNumber: number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    totalMinor: invoice.totalMinor,
    amountDueMinor: input.amountDueMinor,
    penalty: latePenalty({
      balanceMinor: input.amountDueMinor,
      dueDate: invoice.dueDate,
      asOf: input.letterDate,
      rateBps: invoice.penaltyRateBps,
      indemnityMinor: invoice.recoveryIndemnityMinor,
    }),
    iban: seller.iban,
    bic: seller.bic,
  };
}

/** The attachment renderer's entry point: the PDF named by `refId` within one business, or null. */
export async function renderFormalNoticePdf(
  tx: DbOrTx,
  refId: string,
  businessId: string,
  locale: Locale,
): Promise<Buffer | null> {
  const ref = parseRef(refId);
  if (!ref) return null;
  const data = await loadFormalNotice(tx, { businessId, ...ref });
  return data ? formalNoticePdf(data, locale, { logo: await logoBytes(tx, businessId) }) : null;
}

type Ctx = DocContext & { data: FormalNoticeData };

export async function formalNoticePdf(
  data: FormalNoticeData,
  locale: Locale,
  opts: { logo?: Buffer | null } = {},
): Promise<Buffer> {
  const t = translator(locale, formalNoticeCopy, invoiceDocument);
  const title = t('fn.docTitle', { number: data.invoiceNumber });
  const { doc, done } = startPdf({
    locale,
    title,
    author: data.sender.name,
    subject: t('fn.title'),
    today: data.letterDate,
  });
  const ctx: Ctx = {
    doc,
    data,
    locale,
    t,
    money: (minor) => formatMoney(minor, data.currency, intlTag(locale)),
    logo: opts.logo ?? null,
  };
  let y = drawLetterhead(ctx);
  y = drawBody(ctx, y + 16);
  drawSignature(ctx, y + 12);
  drawPageChrome(doc, `${data.sender.name} · ${title}`, (page, pages) => t('fn.page', { page, pages }));
  doc.end();
  return done;
}

/**
 * Sender top left (under the logo, when there is one), recipient where a window envelope shows it, then place and
 * date, subject and title.
 */
function drawLetterhead({ doc, data, locale, t, logo }: Ctx): number {
  let y = drawLogoTopLeft(doc, logo);
  for (const [i, line] of partyLines(t, locale, data.sender).entries()) {
    y = write(doc, line.text, LEFT, y, {
      font: i === 0 ? BOLD : undefined,
      size: i === 0 ? 14 : 8.5,
      color: i === 0 ? COLOR.ink : COLOR.muted,
      width: 260,
    });
    y += i === 0 ? 4 : 1;
  }
  const boxX = LEFT + 270;
  const boxWidth = RIGHT - boxX;
  let r = PAGE.margin + 80;
  const recipientLines = [
    data.recipient.name,
    ...data.recipient.addressLines,
    ...(data.recipient.country !== data.sender.country ? [countryName(data.recipient.country, locale)] : []),
  ];
  for (const [i, line] of recipientLines.entries()) {
    r = write(doc, line, boxX, r, { font: i === 0 ? BOLD : undefined, size: 10.5, width: boxWidth }) + 1;
  }
  y = Math.max(y, r) + 18;
  const date = formatDate(data.letterDate, locale);
  const place = data.senderCity ? t('fn.placeDate', { city: data.senderCity, date }) : t('fn.date', { date });
  y = write(doc, place, LEFT, y, { size: 10, width: WIDTH, align: 'right' }) + 14;
  y =
    write(doc, t('fn.title').toUpperCase(), LEFT, y, {
      font: BOLD,
      size: 15,
      color: COLOR.accent,
      characterSpacing: 1,
      width: WIDTH,
    }) + 8;
  return write(
    doc,
    t('fn.subject', { number: data.invoiceNumber, issueDate: formatDate(data.issueDate, locale) }),
    LEFT,
    y,
    {
      font: BOLD,
      size: 10,
      width: WIDTH,
    },
  );
}

const BODY_SIZE = 9.5;

function paragraph(ctx: Ctx, text: string, top: number, gap = 7): number {
  const { doc } = ctx;
  const height = measure(doc, text, WIDTH, undefined, BODY_SIZE) + 2;
  const y = top + height > BODY_BOTTOM ? newPage(ctx) : top;
  return write(doc, text, LEFT, y, { size: BODY_SIZE, width: WIDTH, lineGap: 1.5, align: 'justify' }) + gap;
}

function newPage({ doc }: Ctx): number {
  doc.addPage();
  return PAGE.margin + 10;
}

function drawBody(ctx: Ctx, top: number): number {
  const { data, locale, t, money } = ctx;
  const d = (iso: string) => formatDate(iso, locale);
  const p = data.penalty;
  const amounts = p ? penaltyAmounts(p, data.currency, locale) : null;
  const claim = !p
    ? money(data.amountDueMinor)
    : data.currency === 'EUR'
      ? money(data.amountDueMinor + p.totalMinor)
      : `${money(data.amountDueMinor + p.interestMinor)} + ${amounts!.indemnity}`;
  let y = paragraph(ctx, t('fn.salutation'), top);
  y = paragraph(
    ctx,
    t('fn.facts', {
      number: data.invoiceNumber,
      issueDate: d(data.issueDate),
      total: money(data.totalMinor),
      dueDate: d(data.dueDate),
      amountDue: money(data.amountDueMinor),
    }),
    y,
  );
  y = paragraph(ctx, t(p ? 'fn.demand' : 'fn.demandPrincipal', { deadline: d(data.deadline), claim }), y);
  if (p && amounts) {
    const rate = formatPercentBps(p.rateBps, locale);
    y = drawClaim(ctx, y + 2, [
      [t('fn.row.principal', { number: data.invoiceNumber }), money(data.amountDueMinor)],
      [
        t('fn.row.interest', {
          rate,
          from: d(addDaysIso(data.dueDate, 1)),
          to: d(data.letterDate),
          days: p.daysLate,
        }),
        amounts.interest,
      ],
      [t('fn.row.indemnity'), amounts.indemnity],
      [t('fn.row.total'), claim],
    ]);
    const legal = p.statutory
      ? t('fn.legal.statutory', { rate, ecb: formatPercentBps(ECB_RATE_BPS, locale) })
      : t('fn.legal.contractual', { rate });
    y = paragraph(ctx, `${legal} ${t('fn.legal.indemnity', { indemnity: amounts.indemnity })}`, y + 10);
  }
  y = paragraph(ctx, t('fn.consequence'), y);
  y = paragraph(ctx, t('fn.article1344'), y);
  const iban = data.iban?.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
  y = paragraph(
    ctx,
    iban
      ? t('fn.howToPay.transfer', {
          iban,
          bic: data.bic ? t('fn.bic', { bic: data.bic }) : '',
          reference: formatCreditorReference(creditorReference(data.invoiceNumber)),
        })
      : t('fn.howToPay.online'),
    y,
  );
  y = paragraph(ctx, t('fn.alreadyPaid'), y);
  return paragraph(ctx, t('fn.signoff'), y, 0);
}

/** The sum claimed, line by line; the last row is the total, on the accent band. */
function drawClaim(ctx: Ctx, top: number, rows: [string, string][]): number {
  const { doc } = ctx;
  const valueWidth = 130;
  const labelWidth = WIDTH - valueWidth - 20;
  const heights = rows.map(([label]) => Math.max(measure(doc, label, labelWidth, undefined, 9), 11) + 8);
  let y = top + heights.reduce((a, b) => a + b, 0) > BODY_BOTTOM ? newPage(ctx) : top;
  rows.forEach(([label, value], i) => {
    const last = i === rows.length - 1;
    const h = heights[i]!;
    if (last) doc.rect(LEFT, y, WIDTH, h).fill(COLOR.accent);
    else if (i % 2 === 0) doc.rect(LEFT, y, WIDTH, h).fill(COLOR.band);
    const color = last ? '#ffffff' : COLOR.ink;
    write(doc, label, LEFT + 10, y + 4, {
      font: last ? BOLD : undefined,
      size: 9,
      color,
      width: labelWidth,
    });
    write(doc, value, RIGHT - valueWidth - 10, y + 4, {
      font: BOLD,
      size: last ? 10 : 9,
      color,
      width: valueWidth,
      align: 'right',
    });
    y += h;
  });
  return y;
}

function drawSignature({ doc, data }: Ctx, top: number): void {
  const y = top + 30 > BODY_BOTTOM ? (doc.addPage(), PAGE.margin + 10) : top;
  write(doc, data.sender.name, LEFT + WIDTH / 2, y, { font: BOLD, size: 10.5, width: WIDTH / 2 });
}
