import PDFDocument from 'pdfkit';
import type { PartySnapshot } from '#db/schema/invoices';
import { intlTag, type Locale, type T } from '~/utils/i18n';

/** The visual language Acquit's PDFs share (invoice, receipt): A4, Helvetica, one accent colour. */
export type Doc = PDFKit.PDFDocument;
export type TextOpts = PDFKit.Mixins.TextOptions & { font?: string; size?: number; color?: string };

export const PAGE = { width: 595.28, height: 841.89, margin: 50 };
export const WIDTH = PAGE.width - 2 * PAGE.margin;
export const LEFT = PAGE.margin;
export const RIGHT = PAGE.width - PAGE.margin;
/** Lowest y the body may reach; the footer lives below it. */
export const BODY_BOTTOM = PAGE.height - 64;
export const BOLD = 'Helvetica-Bold';
export const REGULAR = 'Helvetica';
export const COLOR = {
  ink: '#1f2933',
  muted: '#5f6b7a',
  rule: '#d9dee5',
  band: '#f3f5f8',
  accent: '#1d3a5f',
  paid: '#1f7a3f',
  void: '#b42318',
};

/** An A4 document and the promise of its bytes once `doc.end()` is called. */
export function startPdf(input: {
  locale: Locale;
  title: string;
  author: string;
  subject: string;
  /** A fixed date makes the same document render to the same bytes (tests, archives). */
  today?: string;
}): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: PAGE.height - BODY_BOTTOM },
    bufferPages: true,
    lang: intlTag(input.locale),
    displayTitle: true,
    info: {
      Title: input.title,
      Author: input.author,
      Subject: input.subject,
      Creator: 'Acquit',
      CreationDate: input.today ? new Date(`${input.today}T00:00:00Z`) : new Date(),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** Characters beyond 0x7f that the standard fonts' WinAnsi encoding can draw, besides Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const SUBSTITUTES: Record<string, string> = {
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
};

/**
 * Helvetica in a PDF only knows WinAnsi: Intl's narrow no-break space (U+202F) and anything else outside it
 * would print as a blank or garbage, so they are mapped to the nearest drawable character.
 */
export function pdfText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[^\n\x20-\x7e\xa0-\xff]/gu, (ch) => {
      if (WIN_ANSI_EXTRA.has(ch)) return ch;
      if (ch === '\u202f' || ch === '\u2007') return '\u00a0';
      if (/[\u200b-\u200d\u2060\ufeff]/.test(ch)) return '';
      if (/\s/.test(ch)) return ' ';
      const substitute = SUBSTITUTES[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
      return /^[\x20-\x7e\xa0-\xff]+$/.test(substitute) ? substitute : '?';
    });
}

export function write(doc: Doc, text: string, x: number, y: number, opts: TextOpts = {}): number {
  const { font = REGULAR, size = 9, color = COLOR.ink, ...rest } = opts;
  doc.font(font).fontSize(size).fillColor(color).text(pdfText(text), x, y, rest);
  return doc.y;
}

export function measure(doc: Doc, text: string, width: number, font = REGULAR, size = 9): number {
  return doc.font(font).fontSize(size).heightOfString(pdfText(text), { width });
}

/** A party's identity as printed: name, form, address, country, SIREN/VAT (labels `doc.siren`, `doc.vatNumber`). */
export function partyLines(t: T, locale: Locale, party: PartySnapshot): { text: string; bold?: boolean }[] {
  const contact = [party.email, party.phone].filter(Boolean).join(' · ');
  const lines = [
    { text: party.name, bold: true },
    party.legalForm ? { text: party.legalForm } : null,
    ...party.addressLines.map((text) => ({ text })),
    party.country ? { text: countryName(party.country, locale) } : null,
    party.siren ? { text: `${t('doc.siren')} ${party.siren}` } : null,
    party.vatNumber ? { text: `${t('doc.vatNumber')} ${party.vatNumber}` } : null,
    contact ? { text: contact } : null,
  ];
  return lines.filter((line) => line !== null);
}

export function countryName(code: string, locale: Locale): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  return new Intl.DisplayNames([intlTag(locale)], { type: 'region' }).of(code) ?? code;
}

/** Two banded boxes side by side (seller and buyer), as tall as the taller; returns the y below them. */
export function drawPartyBoxes(
  doc: Doc,
  top: number,
  blocks: { title: string; lines: { text: string; bold?: boolean }[] }[],
): number {
  const gap = 18;
  const pad = 12;
  const width = (WIDTH - gap) / 2;
  const inner = width - 2 * pad;
  const height =
    Math.max(
      ...blocks.map((b) =>
        b.lines.reduce((h, l) => h + measure(doc, l.text, inner, l.bold ? BOLD : REGULAR, 9) + 1.5, 0),
      ),
    ) +
    2 * pad +
    16;
  blocks.forEach((block, i) => {
    const x = LEFT + i * (width + gap);
    doc.roundedRect(x, top, width, height, 4).fill(COLOR.band);
    let y =
      write(doc, block.title.toUpperCase(), x + pad, top + pad, {
        font: BOLD,
        size: 7.5,
        color: COLOR.muted,
        characterSpacing: 0.8,
      }) + 5;
    for (const line of block.lines) {
      y =
        write(doc, line.text, x + pad, y, {
          font: line.bold ? BOLD : REGULAR,
          size: line.bold ? 10 : 9,
          width: inner,
        }) + 1.5;
    }
  });
  return top + height;
}

/** What every part of a business document is drawn with. */
export type DocContext = {
  doc: Doc;
  locale: Locale;
  t: T;
  money: (minor: number) => string;
  /** The business's logo (PNG or JPEG, checked on upload), or null. */
  logo: Buffer | null;
};

/**
 * The logo, if there is one, at the top left of the first page (fitted in 150 x 48 pt, proportions kept, never
 * enlarged); answers the y where the letterhead's text starts. A file pdfkit cannot read (an unusual PNG variant)
 * leaves the document without a logo rather than without a document.
 */
export function drawLogoTopLeft(doc: Doc, logo: Buffer | null | undefined): number {
  if (!logo) return PAGE.margin;
  // openImage is pdfkit's own (public, untyped): it reads the size before anything is drawn.
  const images = doc as Doc & { openImage(src: Buffer): { width: number; height: number } };
  let image: { width: number; height: number };
  try {
    image = images.openImage(logo);
  } catch {
    return PAGE.margin;
  }
  const scale = Math.min(150 / image.width, 48 / image.height, 1);
  const height = image.height * scale;
  // (doc.image takes an opened image as well as bytes; its types list only the latter.)
  doc.image(image as unknown as Buffer, LEFT, PAGE.margin, { width: image.width * scale, height });
  return PAGE.margin + height + 8;
}

/**
 * The top-left letterhead of a business document: the logo, when the business has one, above its name. Answers
 * the y below the name.
 */
export function drawLetterhead(
  doc: Doc,
  input: { name: string; logo?: Buffer | null; size: number; width: number },
): number {
  const top = drawLogoTopLeft(doc, input.logo);
  return write(doc, input.name, LEFT, top, { font: BOLD, size: input.size, width: input.width });
}

/** Accent band and a "label · page n/N" footer on every page, drawn once the page count is known. */
export function drawPageChrome(
  doc: Doc,
  label: string,
  pageLabel: (page: number, pages: number) => string,
): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page.
    doc.page.margins.bottom = 0;
    doc.rect(0, 0, PAGE.width, 5).fill(COLOR.accent);
    const y = PAGE.height - 40;
    doc
      .moveTo(LEFT, y - 6)
      .lineTo(RIGHT, y - 6)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    write(doc, label, LEFT, y, { size: 7.5, color: COLOR.muted, width: WIDTH - 80, lineBreak: false });
    write(doc, pageLabel(i - range.start + 1, range.count), RIGHT - 80, y, {
      size: 7.5,
      color: COLOR.muted,
      width: 80,
      align: 'right',
      lineBreak: false,
    });
  }
}
