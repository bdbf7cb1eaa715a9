import { describe, expect, test } from 'vitest';
import { accruedInterestMinor, daysLate, effectiveRateBps, latePenalty } from './penalties';

describe('late-payment penalties', () => {
  test('statutory rate is the ECB rate plus 10 points unless the invoice sets one', () => {
    expect(effectiveRateBps(null)).toBe(1215);
    expect(effectiveRateBps(900)).toBe(900);
    expect(effectiveRateBps(0)).toBe(0);
  });

  test('days late count from the day after the due date, leap day included', () => {
    expect(daysLate('2025-01-31', '2025-01-31')).toBe(0);
    expect(daysLate('2025-01-31', '2025-02-01')).toBe(1);
    expect(daysLate('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysLate('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysLate('2025-12-31', '2026-01-30')).toBe(30);
    expect(daysLate('2025-02-01', '2025-01-31')).toBe(0);
  });

  test('hand-worked: 10,000.00 EUR at 12.15% for 30 days of a common year = 99.86', () => {
    // 1,000,000 * 0.1215 * 30 / 365 = 9986.30 cents
    expect(accruedInterestMinor(1_000_000, 1215, '2025-01-01', '2025-01-31')).toBe(9986);
  });

  test('a leap year counts each day as 1/366', () => {
    // 1,000,000 * 0.1215 * 30 / 366 = 9959.02 cents
    expect(accruedInterestMinor(1_000_000, 1215, '2024-01-01', '2024-01-31')).toBe(9959);
  });

  test('29 February is a day late like any other', () => {
    // 21-29 Feb (9 days) + 1-10 Mar (10 days) = 19 days of 2024: 1,000,000 * 0.1215 * 19 / 366 = 6307.38 cents
    expect(accruedInterestMinor(1_000_000, 1215, '2024-02-20', '2024-03-10')).toBe(6307);
    // The same dates in 2025: 8 + 10 = 18 days: 1,000,000 * 0.1215 * 18 / 365 = 5991.78 cents
    expect(accruedInterestMinor(1_000_000, 1215, '2025-02-20', '2025-03-10')).toBe(5992);
  });

  test('a period across New Year splits by year basis, rounded once', () => {
    // 11 days of 2024 (leap) + 10 days of 2025: 3651.64 + 3328.77 = 6980.41
    expect(accruedInterestMinor(1_000_000, 1215, '2024-12-20', '2025-01-10')).toBe(6980);
    // 16 days of 2023 (16-31 Dec) + 61 days of 2024 (31 Jan + 29 Feb + 1 Mar): 5326.03 + 20250.00 = 25576.03
    expect(accruedInterestMinor(1_000_000, 1215, '2023-12-15', '2024-03-01')).toBe(25576);
  });

  test('two whole years late, one of them leap, cost exactly two years of interest', () => {
    // 184/365 (2023) + 366/366 (2024) + 181/365 (2025) = 2 years: 1,000,000 * 0.1215 * 2
    expect(accruedInterestMinor(1_000_000, 1215, '2023-06-30', '2025-06-30')).toBe(243_000);
  });

  test('rounds half a cent up, and less than half down', () => {
    // 1825 * 0.10 / 365 = 0.5 cent; 1824 * 0.10 / 365 = 0.4997 cent
    expect(accruedInterestMinor(1825, 1000, '2025-03-01', '2025-03-02')).toBe(1);
    expect(accruedInterestMinor(1824, 1000, '2025-03-01', '2025-03-02')).toBe(0);
  });

  test('nothing accrues on or before the due date, or on nothing owed', () => {
    expect(accruedInterestMinor(1_000_000, 1215, '2025-01-31', '2025-01-31')).toBe(0);
    expect(accruedInterestMinor(0, 1215, '2025-01-01', '2025-01-31')).toBe(0);
    const base = { dueDate: '2025-02-01', rateBps: null, indemnityMinor: 4000 };
    expect(latePenalty({ ...base, balanceMinor: 1000, asOf: '2025-01-31' })).toBeNull();
    expect(latePenalty({ ...base, balanceMinor: 1000, asOf: '2025-02-01' })).toBeNull();
    expect(latePenalty({ ...base, balanceMinor: 0, asOf: '2025-03-01' })).toBeNull();
  });

  test('the statutory claim adds the fixed EUR 40 indemnity once', () => {
    const p = latePenalty({
      balanceMinor: 628_800,
      dueDate: '2026-11-18',
      asOf: '2026-11-23',
      rateBps: null,
      indemnityMinor: 4000,
    });
    // 628,800 * 0.1215 * 5 / 365 = 1046.56 cents
    expect(p).toEqual({
      daysLate: 5,
      rateBps: 1215,
      statutory: true,
      interestMinor: 1047,
      indemnityMinor: 4000,
      totalMinor: 5047,
    });
  });

  test('an invoice that states its own rate is charged at that rate, not the statutory one', () => {
    // 2-31 Mar (30 days) + 1-15 Apr (15 days) = 45 days: 500,000 * 0.15 * 45 / 365 = 9246.58 cents
    const p = latePenalty({
      balanceMinor: 500_000,
      dueDate: '2025-03-01',
      asOf: '2025-04-15',
      rateBps: 1500,
      indemnityMinor: 4000,
    });
    expect(p).toEqual({
      daysLate: 45,
      rateBps: 1500,
      statutory: false,
      interestMinor: 9247,
      indemnityMinor: 4000,
      totalMinor: 13_247,
    });
  });

  test('a business may waive interest or the indemnity; what remains is still claimed', () => {
    const base = { balanceMinor: 500_000, dueDate: '2025-03-01', asOf: '2025-04-15' };
    expect(latePenalty({ ...base, rateBps: 0, indemnityMinor: 4000 })).toMatchObject({
      interestMinor: 0,
      totalMinor: 4000,
    });
    expect(latePenalty({ ...base, rateBps: 1500, indemnityMinor: 0 })).toMatchObject({
      interestMinor: 9247,
      totalMinor: 9247,
    });
  });
});
