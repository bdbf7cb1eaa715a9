import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../../test/support/csv';
import type { AgingLine, CustomerAgingLine } from './aging.server';
import { agingCsv, csvAmount, neutralizeFormula, parseSeparator, type AgingCsvLabels } from './aging-csv';

const labels: AgingCsvLabels = {
  customer: 'Client',
  currency: 'Devise',
  buckets: {
    current: 'Non échu',
    days1to30: '1-30 j',
    days31to60: '31-60 j',
    days61to90: '61-90 j',
    days90plus: '> 90 j',
  },
  total: 'Total',
  invoices: 'Factures',
  allCustomers: 'Tous les clients',
};

const zero = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 };
function line(currency: string, amounts: Partial<typeof zero>, invoiceCount: number): AgingLine {
  const a = { ...zero, ...amounts };
  return {
    currency,
    amounts: a,
    counts: { ...zero },
    totalMinor: Object.values(a).reduce((x, y) => x + y, 0),
    invoiceCount,
  };
}
const customer = (name: string, l: AgingLine): CustomerAgingLine => ({
  ...l,
  customerId: name,
  customerName: name,
});

const report = {
  customers: [
    customer('Société Générale d’Études ; Lyon', line('EUR', { current: 123_456, days90plus: 5 }, 2)),
    customer('=HYPERLINK("http://evil.test")', line('EUR', { days1to30: 100 }, 1)),
    customer('Dupont "le grand"', line('JPY', { days31to60: 1500 }, 1)),
  ],
  totals: [
    line('EUR', { current: 123_456, days1to30: 100, days90plus: 5 }, 3),
    line('JPY', { days31to60: 1500 }, 1),
  ],
};

describe('agingCsv', () => {
  test('French Excel: BOM, semicolons, decimal commas, quoted names with accents and a semicolon', () => {
    const bytes = Buffer.from(agingCsv(report, labels, ';'), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text.slice(1), ';');
    expect(rows[0]).toEqual([
      'Client',
      'Devise',
      'Non échu',
      '1-30 j',
      '31-60 j',
      '61-90 j',
      '> 90 j',
      'Total',
      'Factures',
    ]);
    expect(rows[1]).toEqual([
      'Société Générale d’Études ; Lyon',
      'EUR',
      '1234,56',
      '0,00',
      '0,00',
      '0,00',
      '0,05',
      '1234,61',
      '2',
    ]);
    // A formula is text: the apostrophe stops the spreadsheet from running it.
    expect(rows[2]![0]).toBe(`'=HYPERLINK("http://evil.test")`);
    expect(rows[3]).toEqual(['Dupont "le grand"', 'JPY', '0', '0', '1500', '0', '0', '1500', '1']);
    expect(rows[4]).toEqual([
      'Tous les clients',
      'EUR',
      '1234,56',
      '1,00',
      '0,00',
      '0,00',
      '0,05',
      '1235,61',
      '3',
    ]);
    expect(rows[5]![0]).toBe('Tous les clients');
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    expect(text).toContain('"Société Générale d’Études ; Lyon"');
    expect(text).toContain('"Dupont ""le grand"""');
  });

  test('commas: decimal points, and the names with commas get quoted instead', () => {
    const withComma = {
      ...report,
      customers: [customer('Martin, Fils & Cie', line('EUR', { current: 99 }, 1)), ...report.customers],
    };
    const text = agingCsv(withComma, labels, ',');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1), ',');
    expect(rows[1]).toEqual([
      'Martin, Fils & Cie',
      'EUR',
      '0.99',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.99',
      '1',
    ]);
    expect(rows[2]).toEqual([
      'Société Générale d’Études ; Lyon',
      'EUR',
      '1234.56',
      '0.00',
      '0.00',
      '0.00',
      '0.05',
      '1234.61',
      '2',
    ]);
    expect(text).toContain('"Martin, Fils & Cie"');
    expect(rows.every((r) => r.length === 9)).toBe(true);
  });

  test('formula starters are neutralised, other text is left alone', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(neutralizeFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(neutralizeFormula('Acme = Zenith')).toBe('Acme = Zenith');
    expect(neutralizeFormula('')).toBe('');
    const rows = parseCsv(
      agingCsv({ customers: [customer('\tcmd', line('EUR', {}, 0))], totals: [] }, labels, ';').slice(1),
      ';',
    );
    expect(rows[1]![0]).toBe("'\tcmd");
  });

  test('amounts and separators', () => {
    expect(csvAmount(5, 'EUR', ';')).toBe('0,05');
    expect(csvAmount(123_456_789, 'EUR', ',')).toBe('1234567.89');
    expect(csvAmount(1234, 'KWD', ';')).toBe('1,234');
    expect(parseSeparator('comma', 'fr')).toBe(',');
    expect(parseSeparator('semicolon', 'en')).toBe(';');
    expect(parseSeparator(null, 'fr')).toBe(';');
    expect(parseSeparator('pipe', 'en')).toBe(',');
  });
});
