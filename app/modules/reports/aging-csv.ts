import { minorToDecimal } from '~/utils/money';
import { AGING_BUCKETS, type AgingBucket, type AgingLine, type CustomerAgingLine } from './aging.server';

/** `,` with a decimal point (English spreadsheets), `;` with a decimal comma (French Excel). */
export type CsvSeparator = ',' | ';';

/** `?sep=comma|semicolon`; otherwise what the language's spreadsheets expect. */
export function parseSeparator(value: string | null, locale: 'fr' | 'en'): CsvSeparator {
  if (value === 'comma') return ',';
  if (value === 'semicolon') return ';';
  return locale === 'fr' ? ';' : ',';
}

export type AgingCsvLabels = {
  customer: string;
  currency: string;
  buckets: Record<AgingBucket, string>;
  total: string;
  invoices: string;
  /** The customer column of the per-currency total lines. */
  allCustomers: string;
};

/**
 * A spreadsheet can run a cell that starts with = + - @ (or a tab or carriage return, which some strip first):
 * such a cell gets a leading apostrophe, which spreadsheets show as text.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function quote(cell: string, separator: CsvSeparator): string {
  const safe = neutralizeFormula(cell);
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A plain decimal in the separator's convention, no grouping: 123456 EUR -> "1234.56" or "1234,56". */
export function csvAmount(amountMinor: number, currency: string, separator: CsvSeparator): string {
  const text = minorToDecimal(amountMinor, currency);
  return separator === ';' ? text.replace('.', ',') : text;
}

/**
 * The aging report as CSV (RFC 4180, CRLF lines), UTF-8 with a byte order mark so Excel reads the accents: one line
 * per customer and currency, then one total line per currency.
 */
export function agingCsv(
  report: { customers: CustomerAgingLine[]; totals: AgingLine[] },
  labels: AgingCsvLabels,
  separator: CsvSeparator,
): string {
  const header = [
    labels.customer,
    labels.currency,
    ...AGING_BUCKETS.map((b) => labels.buckets[b]),
    labels.total,
    labels.invoices,
  ];
  const row = (name: string, line: AgingLine) => [
    name,
    line.currency,
    ...AGING_BUCKETS.map((b) => csvAmount(line.amounts[b], line.currency, separator)),
    csvAmount(line.totalMinor, line.currency, separator),
    String(line.invoiceCount),
  ];
  const lines = [
    header,
    ...report.customers.map((c) => row(c.customerName, c)),
    ...report.totals.map((t) => row(labels.allCustomers, t)),
  ];
  return `\uFEFF${lines.map((cells) => cells.map((c) => quote(c, separator)).join(separator)).join('\r\n')}\r\n`;
}
