import { and, eq } from 'drizzle-orm';
import { acceptances, business, invoices } from '#db/schema/index';
import { acceptance as copy } from '~/i18n/acceptance';
import {
  BODY_BOTTOM,
  BOLD,
  COLOR,
  drawPageChrome,
  drawPartyBoxes,
  LEFT,
  measure,
  PAGE,
  partyLines,
  REGULAR,
  startPdf,
  WIDTH,
  write,
  type Doc,
} from '~/modules/pdf/pdf-kit.server';
import type { DbOrTx } from '~/utils/db.server';
import { formatDateTime, translator, type Locale } from '~/utils/i18n';
import type { InvoiceSnapshot } from './letter.server';

/** Whose acceptance may be rendered: the business's (admin, outbox) or the one invoice a debtor link opens. */
export type AcceptanceScope = { businessId: string } | { invoiceId: string };

export async function findAcceptance(tx: DbOrTx, scope: AcceptanceScope, acceptanceId?: string) {
  const [row] = await tx
    .select({ acceptance: acceptances, timeZone: business.timeZone, number: invoices.number })
    .from(acceptances)
    .innerJoin(invoices, eq(invoices.id, acceptances.invoiceId))
    .innerJoin(business, eq(business.id, invoices.businessId))
    .where(
      and(
        acceptanceId ? eq(acceptances.id, acceptanceId) : undefined,
        'businessId' in scope
          ? eq(invoices.businessId, scope.businessId)
          : eq(acceptances.invoiceId, scope.invoiceId),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * The signed letter as an A4 PDF: the parties, the exact text signed, the drawn signature if any, and the evidence
 * block (signer, role, time, IP, browser, SHA-256 and how to recompute it). Labels in `locale`; the text as signed.
 */
export async function renderAcceptancePdf(
  tx: DbOrTx,
  scope: AcceptanceScope,
  locale: Locale,
  acceptanceId?: string,
): Promise<{ pdf: Buffer; number: string | null } | null> {
  const found = await findAcceptance(tx, scope, acceptanceId);
  if (!found) return null;
  const { acceptance: a, timeZone } = found;
  const snapshot = a.invoiceSnapshot as InvoiceSnapshot;
  const t = translator(locale, copy);
  const invoiceLabel = snapshot.number
    ? t('pdf.invoice', { number: snapshot.number })
    : t('pdf.invoice.draft');
  const { doc, done } = startPdf({
    locale,
    title: `${t('pdf.title')} — ${invoiceLabel}`,
    author: snapshot.seller.name,
    subject: t('pdf.title'),
    today: a.signedAt.toISOString().slice(0, 10),
  });
  let y = write(doc, t('pdf.title'), LEFT, PAGE.margin, { font: BOLD, size: 18, color: COLOR.accent });
  y = write(doc, invoiceLabel, LEFT, y + 4, { font: BOLD, size: 11 });
  const pt = (key: string) => t(key.replace('doc.', 'pdf.'));
  y = drawPartyBoxes(doc, y + 16, [
    { title: t('pdf.seller'), lines: partyLines(pt, locale, snapshot.seller) },
    { title: t('pdf.buyer'), lines: partyLines(pt, locale, snapshot.buyer) },
  ]);

  y = write(doc, t('pdf.letter').toUpperCase(), LEFT, y + 20, {
    font: BOLD,
    size: 7.5,
    color: COLOR.muted,
    characterSpacing: 0.8,
  });
  const [title = '', ...rest] = a.letterText.split('\n\n');
  y = write(doc, title, LEFT, y + 6, { font: BOLD, size: 12, width: WIDTH });
  y = write(doc, rest.join('\n\n'), LEFT, y + 6, { size: 10, width: WIDTH, lineGap: 2 });

  y = drawSignature(doc, y + 14, a.signerName, a.signerRole, a.signatureSvg);
  drawEvidence(
    doc,
    y + 16,
    [
      [t('pdf.signer'), a.signerName],
      [t('pdf.role'), a.signerRole],
      [
        t('pdf.signedAt'),
        `${formatDateTime(a.signedAt, locale, timeZone)} (${timeZone}) · ${a.signedAt.toISOString()}`,
      ],
      [t('pdf.ip'), a.ip ?? '—'],
      [t('pdf.userAgent'), a.userAgent ?? '—'],
      [t('pdf.locale'), a.locale],
      [t('pdf.consent'), t('pdf.consent.value')],
      [t('pdf.drawn'), a.signatureSvg ? t('pdf.drawn.yes') : t('pdf.drawn.none')],
      [t('pdf.sha256'), a.sha256],
    ],
    t('pdf.evidence'),
    t('pdf.verify'),
  );
  drawPageChrome(doc, `${snapshot.seller.name} · ${t('pdf.title')} · ${invoiceLabel}`, (page, pages) =>
    t('pdf.page', { page, pages }),
  );
  doc.end();
  return { pdf: await done, number: found.number };
}

function ensureRoom(doc: Doc, y: number, height: number): number {
  if (y + height <= BODY_BOTTOM) return y;
  doc.addPage();
  return PAGE.margin;
}

/** The typed name in a script-like italic, over the drawn signature when there is one (scaled into 240 x 80). */
function drawSignature(doc: Doc, top: number, name: string, role: string, svg: string | null): number {
  let y = ensureRoom(doc, top, svg ? 130 : 50);
  if (svg) {
    doc.save();
    doc.translate(LEFT, y).scale(0.8);
    doc.path(svg).lineWidth(2).strokeColor(COLOR.ink).stroke();
    doc.restore();
    y += 84;
  }
  y = write(doc, name, LEFT, y, { font: 'Helvetica-BoldOblique', size: 14 });
  return write(doc, role, LEFT, y + 1, { size: 9, color: COLOR.muted });
}

function drawEvidence(doc: Doc, top: number, rows: [string, string][], title: string, verify: string) {
  const labelWidth = 120;
  const height =
    rows.reduce((h, [, v]) => h + measure(doc, v, WIDTH - labelWidth - 20, REGULAR, 8.5) + 4, 0) +
    measure(doc, verify, WIDTH - 20, REGULAR, 7.5) +
    50;
  let y = ensureRoom(doc, top, height);
  doc.roundedRect(LEFT, y, WIDTH, height, 4).fill(COLOR.band);
  y =
    write(doc, title.toUpperCase(), LEFT + 10, y + 10, {
      font: BOLD,
      size: 7.5,
      color: COLOR.muted,
      characterSpacing: 0.8,
    }) + 6;
  for (const [label, value] of rows) {
    write(doc, label, LEFT + 10, y, { size: 8.5, color: COLOR.muted, width: labelWidth });
    y =
      write(doc, value, LEFT + 10 + labelWidth, y, {
        font: label.includes('SHA') ? 'Courier' : REGULAR,
        size: 8.5,
        width: WIDTH - labelWidth - 20,
      }) + 4;
  }
  write(doc, verify, LEFT + 10, y + 4, { size: 7.5, color: COLOR.muted, width: WIDTH - 20 });
}
