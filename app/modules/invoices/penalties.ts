import { roundDiv } from '~/utils/money';

/**
 * The ECB main refinancing rate used by the French statutory late-payment rate (Code de commerce L441-10: that
 * rate + 10 points). 2.15% since 11 June 2025; a business may set its own rate on its invoices instead.
 */
export const ECB_RATE_BPS = 215;
export const STATUTORY_MARGIN_BPS = 1000;

export function effectiveRateBps(invoiceRateBps: number | null): number {
  return invoiceRateBps ?? ECB_RATE_BPS + STATUTORY_MARGIN_BPS;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Interest accrued on `amountMinor` from the day after `dueDate` to `asOf` inclusive, at `rateBps` a year, each day
 * counted as 1/365 (1/366 in a leap year) of the yearly rate. Computed exactly, rounded once (half up).
 */
export function accruedInterestMinor(amountMinor: number, rateBps: number, dueDate: string, asOf: string): number {
  const start = Date.parse(`${dueDate}T00:00:00Z`);
  const end = Date.parse(`${asOf}T00:00:00Z`);
  if (!(end > start) || amountMinor <= 0 || rateBps <= 0) return 0;
  // Numerator over the common denominator 10000 * 365 * 366.
  let numerator = 0n;
  let cursor = new Date(start);
  cursor.setUTCDate(cursor.getUTCDate() + 1);
  while (cursor.getTime() <= end) {
    const year = cursor.getUTCFullYear();
    const yearEnd = Date.UTC(year, 11, 31);
    const segmentEnd = Math.min(yearEnd, end);
    const days = BigInt(Math.round((segmentEnd - cursor.getTime()) / 86_400_000) + 1);
    numerator += BigInt(amountMinor) * BigInt(rateBps) * days * (isLeap(year) ? 365n : 366n);
    cursor = new Date(Date.UTC(year + 1, 0, 1));
  }
  return Number(roundDiv(numerator, 10000n * 365n * 366n));
}

export type LatePenalty = { daysLate: number; rateBps: number; interestMinor: number; indemnityMinor: number; totalMinor: number };

/** What the law lets the seller claim on a late invoice, shown to the debtor but never added to the balance by itself. */
export function latePenalty(input: {
  balanceMinor: number;
  dueDate: string;
  asOf: string;
  rateBps: number | null;
  indemnityMinor: number;
}): LatePenalty | null {
  const daysLate = Math.round((Date.parse(`${input.asOf}T00:00:00Z`) - Date.parse(`${input.dueDate}T00:00:00Z`)) / 86_400_000);
  if (daysLate <= 0 || input.balanceMinor <= 0) return null;
  const rateBps = effectiveRateBps(input.rateBps);
  const interestMinor = accruedInterestMinor(input.balanceMinor, rateBps, input.dueDate, input.asOf);
  return { daysLate, rateBps, interestMinor, indemnityMinor: input.indemnityMinor, totalMinor: interestMinor + input.indemnityMinor };
}
