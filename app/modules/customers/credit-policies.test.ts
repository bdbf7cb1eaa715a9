import { describe, expect, test } from 'vitest';
import { applyCreditPolicy } from './apply-credit-policy';
import { recordCalls, suggestCreditPolicy, type RecordFacts } from './credit-policies';
import { computeTotals } from '~/modules/invoices/totals';

const facts = (over: Partial<RecordFacts>): RecordFacts => ({
  paidInvoices: 5,
  paidOnTime: 5,
  averageDaysLate: 0,
  oldestDaysLate: 0,
  ...over,
});

describe('the policy a record calls for', () => {
  test('an open invoice late past 30 days asks a deposit, past 60 prepayment', () => {
    expect(recordCalls(facts({ oldestDaysLate: 30 }))).toBe('standard');
    expect(recordCalls(facts({ oldestDaysLate: 31 }))).toBe('deposit_required');
    expect(recordCalls(facts({ oldestDaysLate: 60 }))).toBe('deposit_required');
    expect(recordCalls(facts({ oldestDaysLate: 61 }))).toBe('prepay_only');
  });

  test('habits count from three paid invoices: average delay past 15 or 30 days, or under half on time', () => {
    expect(recordCalls(facts({ averageDaysLate: 15 }))).toBe('standard');
    expect(recordCalls(facts({ averageDaysLate: 15.1 }))).toBe('deposit_required');
    expect(recordCalls(facts({ averageDaysLate: 30 }))).toBe('deposit_required');
    expect(recordCalls(facts({ averageDaysLate: 30.5 }))).toBe('prepay_only');
    expect(recordCalls(facts({ paidInvoices: 4, paidOnTime: 2 }))).toBe('standard');
    expect(recordCalls(facts({ paidInvoices: 5, paidOnTime: 2 }))).toBe('deposit_required');
    expect(recordCalls(facts({ paidInvoices: 2, paidOnTime: 0, averageDaysLate: 45 }))).toBe('standard');
  });

  test('suggests only what is stricter than the current policy', () => {
    const chronic = facts({ oldestDaysLate: 40 });
    expect(suggestCreditPolicy('standard', chronic)).toBe('deposit_required');
    expect(suggestCreditPolicy('deposit_required', chronic)).toBeNull();
    expect(suggestCreditPolicy('prepay_only', chronic)).toBeNull();
    expect(suggestCreditPolicy('standard', facts({}))).toBeNull();
  });
});

describe('a new invoice under a credit policy', () => {
  const invoice = {
    customerId: 'c',
    currency: 'EUR',
    issueDate: '2026-06-16',
    dueDate: '2026-07-16',
    notes: null,
    lines: [
      { description: 'Conception', quantityMilli: 1000, unitPriceMinor: 120_001, taxRateBps: 2000 },
      { description: 'Flyers', quantityMilli: 333_000, unitPriceMinor: 37, taxRateBps: 550 },
    ],
  };

  test('standard leaves it as entered; prepay only makes it due on its issue date', () => {
    expect(
      applyCreditPolicy(invoice, { creditPolicy: 'standard', depositPercent: 30, locale: 'fr' }),
    ).toEqual([{ role: 'invoice', invoice }]);
    const [prepaid] = applyCreditPolicy(invoice, {
      creditPolicy: 'prepay_only',
      depositPercent: 30,
      locale: 'fr',
    });
    expect(prepaid!.invoice.dueDate).toBe('2026-06-16');
  });

  test('a deposit splits each line exactly: the two invoices add up to the lines entered, per tax rate', () => {
    for (const percent of [1, 30, 33, 50, 99]) {
      const parts = applyCreditPolicy(invoice, {
        creditPolicy: 'deposit_required',
        depositPercent: percent,
        locale: 'en',
      });
      expect(parts.map((p) => p.role)).toEqual(['deposit', 'balance']);
      const [deposit, balance] = parts.map((p) => computeTotals(p.invoice.lines));
      const whole = computeTotals(invoice.lines);
      expect(deposit!.subtotalMinor + balance!.subtotalMinor).toBe(whole.subtotalMinor);
      for (const rate of whole.taxes) {
        const base = (t: typeof whole) => t.taxes.find((x) => x.rateBps === rate.rateBps)?.baseMinor ?? 0;
        expect(base(deposit!) + base(balance!)).toBe(rate.baseMinor);
      }
      expect(parts[0]!.invoice.dueDate).toBe('2026-06-16');
      expect(parts[1]!.invoice.dueDate).toBe('2026-07-16');
    }
    const [deposit] = applyCreditPolicy(invoice, {
      creditPolicy: 'deposit_required',
      depositPercent: 30,
      locale: 'en',
    });
    // 1 200,01 € × 30 % = 360,003 -> 360,00 €; 333 × 0,37 € = 123,21 € × 30 % = 36,963 -> 36,96 €.
    expect(deposit!.invoice.lines.map((l) => [l.description, l.unitPriceMinor])).toEqual([
      ['Deposit of 30%: Conception', 36_000],
      ['Deposit of 30%: Flyers', 3_696],
    ]);
  });
});
