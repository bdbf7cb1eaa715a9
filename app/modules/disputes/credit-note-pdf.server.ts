import { and, asc, eq } from 'drizzle-orm';
import { business, creditNotes, disputeLines, invoiceLines, invoices } from '#db/schema/index';
import { adminDisputes } from '~/i18n/admin-disputes';
import { vatMentions } from '~/i18n/vat-mentions';
import {
  BOLD,
  COLOR,
  drawPageChrome,
  drawPartyBoxes,
  LEFT,
  PAGE,
  partyLines,
  RIGHT,
  startPdf,
  WIDTH,
  write,
  drawLetterhead,
} from '~/modules/pdf/pdf-kit.server';
import type { DbOrTx } from '~/utils/db.server';
import { formatDate, formatPercentBps, intlTag, translator, type Locale } from '~/utils/i18n';
import { todayIn } from '~/utils/dates';
import { formatMoney } from '~/utils/money';
import { logoBytes } from '~/modules/settings/logo.server';
import { splitCreditByTax } from './credit-tax-split';
import type { DisputeScope } from './post-dispute-message.server';

/**
 * A credit note as an A4 PDF: its own number and date, the invoice it credits, the parties as frozen on that invoice,
 * the reason and the credited lines (an accepted dispute's), and the amount incl. tax that reduces the balance.
 */
export async function renderCreditNotePdf(
  tx: DbOrTx,
  creditNoteId: string,
  scope: DisputeScope,
  locale: Locale,
): Promise<{ pdf: Buffer; number: string } | null> {
  const [row] = await tx
    .select({ credit: creditNotes, invoice: invoices, timeZone: business.timeZone })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .innerJoin(business, eq(business.id, creditNotes.businessId))
    .where(
      and(
        eq(creditNotes.id, creditNoteId),
        'invoiceId' in scope
          ? eq(invoices.id, scope.invoiceId)
          : eq(creditNotes.businessId, scope.businessId),
      ),
    );
  const seller = row?.invoice.seller;
  const buyer = row?.invoice.buyer;
  const number = row?.invoice.number;
  if (!row || !seller || !buyer || !number) return null;
  const { credit, invoice } = row;
  const t = translator(locale, adminDisputes, vatMentions);
  const money = (minor: number) => formatMoney(minor, credit.currency, intlTag(locale));
  const lines = credit.disputeId
    ? await tx
        .select({
          description: invoiceLines.description,
          lineTotalMinor: invoiceLines.lineTotalMinor,
          taxRateBps: invoiceLines.taxRateBps,
        })
        .from(disputeLines)
        .innerJoin(invoiceLines, eq(invoiceLines.id, disputeLines.lineId))
        .where(eq(disputeLines.disputeId, credit.disputeId))
        .orderBy(asc(invoiceLines.position))
    : [];
  const date = todayIn(row.timeZone, credit.createdAt);
  const { doc, done } = startPdf({
    locale,
    title: credit.number,
    author: seller.name,
    subject: t('creditNote.pdf.title', { number: credit.number }),
    today: date,
  });
  drawLetterhead(doc, {
    name: seller.name,
    logo: await logoBytes(tx, credit.businessId),
    size: 18,
    width: WIDTH - 240,
  });
  write(doc, t('creditNote.pdf.heading'), RIGHT - 230, PAGE.margin - 3, {
    font: BOLD,
    size: 22,
    color: COLOR.accent,
    width: 230,
    align: 'right',
    characterSpacing: 1.5,
  });
  let y = write(doc, `${t('creditNote.pdf.number')} ${credit.number}`, RIGHT - 230, doc.y + 2, {
    font: BOLD,
    size: 11,
    width: 230,
    align: 'right',
  });
  y = write(doc, `${t('creditNote.pdf.date')} ${formatDate(date, locale)}`, RIGHT - 230, y + 4, {
    width: 230,
    align: 'right',
  });
  y = write(
    doc,
    t('creditNote.pdf.invoice', { number, date: formatDate(invoice.issueDate, locale) }),
    RIGHT - 230,
    y + 2,
    { width: 230, align: 'right' },
  );
  const pt = (key: string) => (key === 'doc.siren' ? 'SIREN' : t('creditNote.pdf.vat'));
  y = drawPartyBoxes(doc, y + 24, [
    { title: t('creditNote.pdf.seller'), lines: partyLines(pt, locale, seller) },
    { title: t('creditNote.pdf.buyer'), lines: partyLines(pt, locale, buyer) },
  ]);
  y = write(doc, t('creditNote.pdf.reason'), LEFT, y + 24, { font: BOLD, size: 10 });
  y = write(doc, credit.reason, LEFT, y + 2, { size: 10, width: WIDTH });
  if (lines.length) {
    y = write(doc, t('creditNote.pdf.lines'), LEFT, y + 14, { font: BOLD, size: 10 });
    for (const line of lines)
      y = write(doc, `- ${line.description}`, LEFT, y + 2, { size: 10, width: WIDTH });
  }
  // Net and VAT per rate, from the credited lines (the whole invoice's when the credit is not for given lines).
  const taxed = lines.length
    ? lines
    : await tx
        .select({ lineTotalMinor: invoiceLines.lineTotalMinor, taxRateBps: invoiceLines.taxRateBps })
        .from(invoiceLines)
        .where(eq(invoiceLines.invoiceId, invoice.id));
  y += 18;
  for (const share of splitCreditByTax(credit.amountMinor, taxed)) {
    const rate = formatPercentBps(share.taxRateBps, locale);
    for (const [label, minor] of [
      [t('creditNote.pdf.net', { rate }), share.netMinor],
      [t('creditNote.pdf.tax', { rate, net: money(share.netMinor) }), share.taxMinor],
    ] as const) {
      write(doc, label, RIGHT - 272, y, { size: 10, width: 160 });
      write(doc, money(minor), RIGHT - 120, y, { size: 10, width: 112, align: 'right' });
      y += 16;
    }
  }
  y += 6;
  doc.rect(RIGHT - 280, y, 280, 26).fill(COLOR.accent);
  write(doc, t('creditNote.pdf.amount'), RIGHT - 272, y + 8, {
    font: BOLD,
    size: 10.5,
    color: '#ffffff',
    width: 160,
  });
  write(doc, money(credit.amountMinor), RIGHT - 120, y + 8, {
    font: BOLD,
    size: 10.5,
    color: '#ffffff',
    width: 112,
    align: 'right',
  });
  // The invoice's reason for charging no VAT holds for its credit note too (CGI art. 242 nonies A).
  const effectTop = invoice.vatExemption
    ? write(doc, t(`vat.${invoice.vatExemption}`), RIGHT - 280, y + 34, { font: BOLD, size: 9, width: 280 }) +
      10
    : y + 44;
  write(doc, t('creditNote.pdf.effect', { number }), LEFT, effectTop, {
    size: 8.5,
    color: COLOR.muted,
    width: WIDTH,
  });
  drawPageChrome(doc, `${seller.name} · ${credit.number}`, (page, pages) =>
    t('creditNote.pdf.page', { page, pages }),
  );
  doc.end();
  return { pdf: await done, number: credit.number };
}
