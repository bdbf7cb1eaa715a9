import { describe, expect, test } from 'vitest';
import { computeTotals, lineTotal } from './totals';

const line = (quantity: number, unitPriceMinor: number, taxRateBps: number) => ({
  quantityMilli: Math.round(quantity * 1000),
  unitPriceMinor,
  taxRateBps,
});

describe('line totals', () => {
  test('quantity in thousandths times unit price, rounded half up to the cent', () => {
    expect(lineTotal(line(2, 9500, 2000))).toBe(19000);
    expect(lineTotal(line(24.5, 18000, 2000))).toBe(441000);
    expect(lineTotal(line(1.5, 3333, 2000))).toBe(5000); // 49.995 -> 50.00
    expect(lineTotal(line(0.333, 1000, 550))).toBe(333);
    expect(lineTotal(line(0.001, 1, 2000))).toBe(0); // 0.001 cent rounds down
    expect(lineTotal(line(0.5, 1, 2000))).toBe(1); // exactly half a cent rounds up
  });
});

describe('invoice totals', () => {
  test('a single-rate invoice, worked by hand', () => {
    const totals = computeTotals([line(2, 9500, 2000), line(1, 85000, 2000), line(24.5, 18000, 2000)]);
    expect(totals.lineTotals).toEqual([19000, 85000, 441000]);
    expect(totals.subtotalMinor).toBe(545000);
    expect(totals.taxes).toEqual([{ rateBps: 2000, baseMinor: 545000, taxMinor: 109000 }]);
    expect(totals.totalMinor).toBe(654000);
  });

  test('mixed rates: tax is computed once per rate on its base, not per line', () => {
    const totals = computeTotals([
      line(1.5, 3333, 2000),
      line(0.333, 1000, 550),
      line(3, 99, 550),
      line(1, 1234, 0),
    ]);
    expect(totals.lineTotals).toEqual([5000, 333, 297, 1234]);
    expect(totals.subtotalMinor).toBe(6864);
    // 5.5% of 6.30 = 0.3465 -> 0.35; per line it would have been 0.18 + 0.16 = 0.34.
    expect(totals.taxes).toEqual([
      { rateBps: 2000, baseMinor: 5000, taxMinor: 1000 },
      { rateBps: 550, baseMinor: 630, taxMinor: 35 },
      { rateBps: 0, baseMinor: 1234, taxMinor: 0 },
    ]);
    expect(totals.taxMinor).toBe(1035);
    expect(totals.totalMinor).toBe(7899);
  });

  test('half a cent of tax rounds up; 2.1% on 100.00 is 2.10', () => {
    expect(computeTotals([line(1, 10, 500)]).taxMinor).toBe(1); // 0.5 cent
    expect(computeTotals([line(1, 10000, 210)]).taxMinor).toBe(210);
  });

  test('large amounts stay exact (no float drift)', () => {
    const totals = computeTotals([line(999.999, 99_999_999, 2000)]);
    // 999.999 * 999,999.99 EUR = 999,998,990.000... computed in BigInt
    expect(totals.subtotalMinor).toBe(99_999_899_000);
    expect(totals.taxMinor).toBe(19_999_979_800);
    expect(totals.totalMinor).toBe(totals.subtotalMinor + totals.taxMinor);
  });
});
