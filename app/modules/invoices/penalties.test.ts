import { describe, expect, test } from 'vitest';
import { accruedInterestMinor, effectiveRateBps, latePenalty } from './penalties';

describe('late-payment penalties', () => {
  test('statutory rate is the ECB rate plus 10 points unless the invoice sets one', () => {
    expect(effectiveRateBps(null)).toBe(1215);
    expect(effectiveRateBps(900)).toBe(900);
  });

  test('hand-worked: 10,000.00 EUR at 12.15% for 30 days of a common year = 99.86', () => {
    // 1,000,000 * 0.1215 * 30 / 365 = 9986.30 cents
    expect(accruedInterestMinor(1_000_000, 1215, '2025-01-01', '2025-01-31')).toBe(9986);
  });

  test('a leap year counts each day as 1/366', () => {
    // 1,000,000 * 0.1215 * 30 / 366 = 9959.02 cents
    expect(accruedInterestMinor(1_000_000, 1215, '2024-01-01', '2024-01-31')).toBe(9959);
  });

  test('a period across New Year splits by year basis, rounded once', () => {
    // 11 days of 2024 (leap) + 10 days of 2025: 3651.64 + 3328.77 = 6980.41
    expect(accruedInterestMinor(1_000_000, 1215, '2024-12-20', '2025-01-10')).toBe(6980);
  });

  test('nothing accrues on or before the due date', () => {
    expect(accruedInterestMinor(1_000_000, 1215, '2025-01-31', '2025-01-31')).toBe(0);
    expect(latePenalty({ balanceMinor: 1000, dueDate: '2025-02-01', asOf: '2025-01-31', rateBps: null, indemnityMinor: 4000 })).toBeNull();
  });

  test('the claim adds the fixed EUR 40 indemnity once', () => {
    const p = latePenalty({ balanceMinor: 628_800, dueDate: '2026-11-18', asOf: '2026-11-23', rateBps: null, indemnityMinor: 4000 });
    // 628,800 * 0.1215 * 5 / 365 = 1046.56 cents
    expect(p).toEqual({ daysLate: 5, rateBps: 1215, interestMinor: 1047, indemnityMinor: 4000, totalMinor: 5047 });
  });
});
