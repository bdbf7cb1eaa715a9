import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitCreditByTax } from './credit-tax-split';

describe('splitCreditByTax', () => {
  test('a credit for whole lines gives back their net and VAT', () => {
    const lines = [
      { lineTotalMinor: 85_000, taxRateBps: 2000 },
      { lineTotalMinor: 19_000, taxRateBps: 2000 },
      { lineTotalMinor: 10_000, taxRateBps: 550 },
    ];
    expect(splitCreditByTax(124_800 + 10_550, lines)).toEqual([
      { taxRateBps: 550, netMinor: 10_000, taxMinor: 550 },
      { taxRateBps: 2000, netMinor: 104_000, taxMinor: 20_800 },
    ]);
  });

  test('any amount splits exactly, with no negative part', () => {
    const line = fc.record({
      lineTotalMinor: fc.integer({ min: 0, max: 10_000_000 }),
      taxRateBps: fc.constantFrom(0, 210, 550, 1000, 2000),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.array(line, { maxLength: 8 }),
        (amount, lines) => {
          const shares = splitCreditByTax(amount, lines);
          expect(shares.reduce((s, x) => s + x.netMinor + x.taxMinor, 0)).toBe(amount);
          for (const s of shares) {
            expect(s.netMinor).toBeGreaterThanOrEqual(0);
            expect(s.taxMinor).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
