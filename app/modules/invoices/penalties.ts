import { roundDiv } from '~/utils/money';

/**
 * The ECB main refinancing rate used by the French statutory late-payment rate (Code de commerce L441-10: that
 * rate + 10 points): 2.15% since 11 June 2025. The statute takes the rate in force on 1 January for the first
 * half-year and on 1 July for the second; this is one constant, to be updated when the ECB changes its rate (a
 * period spanning half-years with different rates is computed at this one).
 */
export const ECB_RATE_BPS = 215;
export const STATUTORY_MARGIN_BPS = 1000;

/**
 * The yearly rate that applies to an invoice: the one it states (copied from the business's settings when it was
 * drafted, so a later change of settings does not rewrite an agreed rate), else the statutory ECB + 10 points.
 */
export function effectiveRateBps(invoiceRateBps: number | null): number {
  return invoiceRateBps ?? ECB_RATE_BPS + STATUTORY_MARGIN_BPS;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAY_MS = 86_400_000;
const utc = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** Whole days from the due date to `asOf` (both YYYY-MM-DD); the day after the due date is 1 day late. */
export function daysLate(dueDate: string, asOf: string): number {
  return Math.max(0, Math.round((utc(asOf) - utc(dueDate)) / DAY_MS));
}

/**
 * Interest accrued on `amountMinor` from the day after `dueDate` to `asOf` inclusive, at `rateBps` a year, each day
 * counted as 1/365 (1/366 in a leap year) of the yearly rate. Computed exactly, rounded once (half up).
 */
export function accruedInterestMinor(
  amountMinor: number,
  rateBps: number,
  dueDate: string,
  asOf: string,
): number {
  const start = utc(dueDate);
  const end = utc(asOf);
  if (!(end > start) || amountMinor <= 0 || rateBps <= 0) return 0;
  // Numerator over the common denominator 10000 * 365 * 366.
  let numerator = 0n;
  let cursor = new Date(start + DAY_MS);
  while (cursor.getTime() <= end) {
    const year = cursor.getUTCFullYear();
    const segmentEnd = Math.min(Date.UTC(year, 11, 31), end);
    const days = BigInt(Math.round((segmentEnd - cursor.getTime()) / DAY_MS) + 1);
    numerator += BigInt(amountMinor) * BigInt(rateBps) * days * (isLeap(year) ? 365n : 366n);
    cursor = new Date(Date.UTC(year + 1, 0, 1));
  }
  return Number(roundDiv(numerator, 10000n * 365n * 366n));
}

export type LatePenalty = {
  daysLate: number;
  /** The yearly rate applied, in basis points. */
  rateBps: number;
  /** True when the invoice states no rate of its own: ECB_RATE_BPS + STATUTORY_MARGIN_BPS. */
  statutory: boolean;
  /** In the invoice's currency. */
  interestMinor: number;
  /** Fixed per late invoice (art. D441-5: EUR 40), whatever the number of days. */
  indemnityMinor: number;
  totalMinor: number;
};

/**
 * What the law lets the seller claim on a late invoice, shown to the debtor but never added to the balance by
 * itself: interest on `balanceMinor` for each day late, plus the fixed recovery indemnity once. Null when the
 * invoice is not late or nothing is owed.
 */
export function latePenalty(input: {
  balanceMinor: number;
  dueDate: string;
  asOf: string;
  /** The invoice's own rate; null means the statutory one. */
  rateBps: number | null;
  indemnityMinor: number;
}): LatePenalty | null {
  const days = daysLate(input.dueDate, input.asOf);
  if (days <= 0 || input.balanceMinor <= 0) return null;
  const rateBps = effectiveRateBps(input.rateBps);
  const interestMinor = accruedInterestMinor(input.balanceMinor, rateBps, input.dueDate, input.asOf);
  return {
    daysLate: days,
    rateBps,
    statutory: input.rateBps === null,
    interestMinor,
    indemnityMinor: input.indemnityMinor,
    totalMinor: interestMinor + input.indemnityMinor,
  };
}
