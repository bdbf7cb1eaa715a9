import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildSchedule, eligibleSchedules, partDates, splitAmounts, type InstallmentOffer } from './schedule';

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** An independent oracle: the date `k` months after (y, m, d), clamped to the end of the month. */
function monthsLater(y: number, m: number, d: number, k: number): string {
  const total = y * 12 + (m - 1) + k;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return iso(ty, tm, Math.min(d, daysIn(ty, tm)));
}

const zones = fc.constantFrom('Europe/Paris', 'America/New_York', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata');
const startDate = fc
  .record({
    y: fc.integer({ min: 2000, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));
const customSplit = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => fc.array(fc.integer({ min: 1, max: 60 }), { minLength: n, maxLength: n }))
  .map((weights) => {
    const total = weights.reduce((a, b) => a + b, 0);
    const pct = weights.map((w) => Math.max(1, Math.floor((w * 100) / total)));
    const diff = 100 - pct.reduce((a, b) => a + b, 0);
    pct[pct.indexOf(Math.max(...pct))]! += diff;
    return pct;
  })
  .filter((pct) => pct.every((p) => p > 0));
const offers: fc.Arbitrary<InstallmentOffer> = fc.oneof(
  fc.record({
    id: fc.constant('equal'),
    parts: fc.integer({ min: 2, max: 6 }),
    interval: fc.constantFrom('monthly' as const, 'biweekly' as const),
  }),
  customSplit.chain((splitPercent) =>
    fc.record({
      id: fc.constant('custom'),
      parts: fc.constant(splitPercent.length),
      splitPercent: fc.constant(splitPercent),
      interval: fc.constantFrom('monthly' as const, 'biweekly' as const),
    }),
  ),
);

describe('installment schedule (property)', () => {
  test('parts sum to the balance exactly, none is zero or negative, rounding goes to the last part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), offers, (balance, offer) => {
        const amounts = splitAmounts(balance, offer);
        if (!amounts) {
          // Refused only when some part would be zero: a balance too small for this split.
          expect(balance).toBeLessThan(100 * offer.parts);
          return;
        }
        expect(amounts).toHaveLength(offer.parts);
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(balance);
        for (const a of amounts) {
          expect(Number.isInteger(a)).toBe(true);
          expect(a).toBeGreaterThan(0);
        }
        // Every part but the last is its share rounded down; the last is at least its share.
        const shares = offer.splitPercent ?? amounts.map(() => 100 / offer.parts);
        amounts.slice(0, -1).forEach((a, i) => {
          expect(a).toBe(
            offer.splitPercent ? Math.floor((balance * shares[i]!) / 100) : Math.floor(balance / offer.parts),
          );
        });
        expect(amounts.at(-1)!).toBeGreaterThanOrEqual(Math.floor((balance * shares.at(-1)!) / 100));
      }),
      { numRuns: 2000 },
    );
  });

  test('monthly dates keep the start day, clamped to month ends (leap years included), in any time zone', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 2, max: 6 }), zones, ({ y, m, d }, parts, zone) => {
        const dates = partDates(iso(y, m, d), { parts, interval: 'monthly' }, zone);
        expect(dates).toEqual(Array.from({ length: parts }, (_, k) => monthsLater(y, m, d, k)));
      }),
      { numRuns: 2000 },
    );
  });

  test('two-weekly dates are exactly 14 calendar days apart, across DST changes and year ends', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 2, max: 6 }), zones, ({ y, m, d }, parts, zone) => {
        const dates = partDates(iso(y, m, d), { parts, interval: 'biweekly' }, zone);
        expect(dates[0]).toBe(iso(y, m, d));
        for (let k = 1; k < parts; k++) {
          const gap =
            (Date.parse(`${dates[k]}T00:00:00Z`) - Date.parse(`${dates[k - 1]}T00:00:00Z`)) / 86_400_000;
          expect(gap).toBe(14);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('installment schedule (examples)', () => {
  const x3: InstallmentOffer = { id: 'x3', parts: 3, interval: 'monthly' };
  test('31 January: 28 February in 2026, 29 February in 2028, then 31 March', () => {
    expect(partDates('2026-01-31', x3, 'Europe/Paris')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(partDates('2028-01-31', x3, 'Europe/Paris')).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  test('30/30/40 of 1 000,01 €: the cent of rounding goes to the last part', () => {
    const parts = buildSchedule({
      balanceMinor: 100_001,
      offer: { id: 'c', parts: 3, splitPercent: [30, 30, 40], interval: 'monthly' },
      start: '2026-06-16',
      timeZone: 'Europe/Paris',
    });
    expect(parts).toEqual([
      { seq: 1, dueDate: '2026-06-16', amountMinor: 30_000 },
      { seq: 2, dueDate: '2026-07-16', amountMinor: 30_000 },
      { seq: 3, dueDate: '2026-08-16', amountMinor: 40_001 },
    ]);
  });

  test('the business’s limits: smallest invoice, smallest first part, longest duration', () => {
    const base = { balanceMinor: 165_000, start: '2026-06-16', timeZone: 'Europe/Paris' };
    const list: InstallmentOffer[] = [
      { id: 'x2', parts: 2, interval: 'monthly' },
      { id: 'x6', parts: 6, interval: 'monthly' },
      { id: 'b4', parts: 4, interval: 'biweekly' },
    ];
    const limits = { planMinFirstPartMinor: 30_000, planMaxDurationDays: 120, planMinInvoiceMinor: 50_000 };
    expect(eligibleSchedules({ ...base, offers: list, limits }).map((s) => s.offer.id)).toEqual(['x2', 'b4']);
    expect(eligibleSchedules({ ...base, balanceMinor: 40_000, offers: list, limits })).toEqual([]);
  });
});
