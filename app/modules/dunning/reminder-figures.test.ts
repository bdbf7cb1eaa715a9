import { describe, expect, test } from 'vitest';
import { DEFAULT_LADDER } from './default-ladder';
import { reminderActions, reminderFigures, showsPenalties, type ReminderFacts } from './reminder-figures';

const facts: ReminderFacts = {
  locale: 'fr',
  businessName: 'Atelier Dupont',
  customerName: 'Boulangerie Martin',
  invoiceNumber: '2026-000123',
  currency: 'EUR',
  dueDate: '2026-10-31',
  amountDueMinor: 165_000,
  penaltyRateBps: null,
  recoveryIndemnityMinor: 4000,
  installmentOffers: 0,
  promiseMaxDays: 30,
};
const step = (offsetDays: number) => DEFAULT_LADDER.find((s) => s.offsetDays === offsetDays)!;
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('what a reminder states', () => {
  test('penalties are itemised from the 30-day step on, on the letter, and on a late firm step', () => {
    expect(showsPenalties(step(-3), 0)).toBe(false);
    expect(showsPenalties(step(1), 1)).toBe(false);
    expect(showsPenalties(step(7), 7)).toBe(false);
    expect(showsPenalties(step(30), 30)).toBe(true);
    expect(showsPenalties(step(45), 45)).toBe(true);
    // A custom firm step sent to an invoice already 40 days late (e.g. a resumed ladder).
    expect(showsPenalties({ offsetDays: 7, channel: 'email', tone: 'firm' }, 40)).toBe(true);
    expect(showsPenalties({ offsetDays: 7, channel: 'email', tone: 'friendly' }, 40)).toBe(false);
    // Nothing accrued, nothing itemised, whatever the step.
    expect(showsPenalties(step(30), 0)).toBe(false);
  });

  test('actions: pay while due, a plan when offered, a promise once late until the notice, a dispute early', () => {
    expect(reminderActions(step(-3), facts, 0)).toEqual(['pay', 'dispute']);
    expect(reminderActions(step(1), facts, 1)).toEqual(['pay', 'promise', 'dispute']);
    expect(reminderActions(step(7), facts, 7)).toEqual(['pay', 'promise', 'dispute']);
    expect(reminderActions(step(30), facts, 30)).toEqual(['pay', 'promise']);
    expect(reminderActions(step(45), facts, 45)).toEqual(['pay']);
    const planNoPromise = { ...facts, installmentOffers: 2, promiseMaxDays: 0 };
    expect(reminderActions(step(7), planNoPromise, 7)).toEqual(['pay', 'plan', 'dispute']);
    expect(reminderActions(step(45), planNoPromise, 45)).toEqual(['pay', 'plan']);
    expect(reminderActions(step(7), { ...facts, amountDueMinor: 0 }, 7)).toEqual([]);
  });

  test('fills the placeholders for the date it is written', () => {
    // 30 days of 2026 on 1 650,00 € at 12,15 %: 165,000 * 0.1215 * 30 / 365 = 1647.58 cents -> 16,48 € + 40 €
    const figures = reminderFigures(facts, step(30), '2026-11-30');
    expect(figures.daysLate).toBe(30);
    expect(figures.penalty).toMatchObject({ interestMinor: 1648, indemnityMinor: 4000, totalMinor: 5648 });
    expect(figures.showPenalties).toBe(true);
    expect(figures.noticeDeadline).toBe('2026-12-08');
    expect(Object.fromEntries(Object.entries(figures.vars).map(([k, v]) => [k, squash(v)]))).toEqual({
      customer_name: 'Boulangerie Martin',
      business_name: 'Atelier Dupont',
      invoice_number: '2026-000123',
      amount_due: '1 650,00 €',
      due_date: '31 octobre 2026',
      days_late: '30',
      penalties_total: '56,48 €',
      notice_deadline: '8 décembre 2026',
    });
    const early = reminderFigures({ ...facts, locale: 'en' }, step(-3), '2026-10-28');
    expect(early.daysLate).toBe(0);
    expect(early.penalty).toBeNull();
    expect(early.vars.penalties_total).toBe('€0.00');
    expect(early.vars.due_date).toBe('31 October 2026');
  });

  test('in another currency the statutory EUR 40 indemnity is not summed with the interest', () => {
    const figures = reminderFigures({ ...facts, currency: 'USD', locale: 'en' }, step(30), '2026-11-30');
    expect(figures.vars.penalties_total).toBe('US$16.48 + €40.00');
  });
});
