import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, format } from 'date-fns';
import type { InstallmentOffer } from '#db/schema/business';

export type { InstallmentOffer };

export type SchedulePart = { seq: number; dueDate: string; amountMinor: number };

export const MIN_PARTS = 2;
export const MAX_PARTS = 6;

/** Whether an offer is well formed: 2 to 6 parts, and a custom split of whole percents > 0 summing to 100. */
export function isValidOffer(offer: InstallmentOffer): boolean {
  if (!Number.isInteger(offer.parts) || offer.parts < MIN_PARTS || offer.parts > MAX_PARTS) return false;
  if (offer.interval !== 'monthly' && offer.interval !== 'biweekly') return false;
  if (!offer.splitPercent) return true;
  return (
    offer.splitPercent.length === offer.parts &&
    offer.splitPercent.every((p) => Number.isInteger(p) && p > 0) &&
    offer.splitPercent.reduce((a, b) => a + b, 0) === 100
  );
}

/**
 * The amounts of an offer's parts for a balance, in minor units: each part is its share rounded down, and the last
 * part takes what rounding left over, so the parts sum to the balance exactly. Null when a part would be zero (a
 * balance too small to split that way).
 */
export function splitAmounts(balanceMinor: number, offer: InstallmentOffer): number[] | null {
  if (!Number.isSafeInteger(balanceMinor) || balanceMinor <= 0 || !isValidOffer(offer)) return null;
  const amounts = offer.splitPercent
    ? offer.splitPercent.map((pct) => Math.floor((balanceMinor * pct) / 100))
    : Array.from({ length: offer.parts }, () => Math.floor(balanceMinor / offer.parts));
  amounts[amounts.length - 1] = balanceMinor - amounts.slice(0, -1).reduce((a, b) => a + b, 0);
  return amounts.every((a) => a > 0) ? amounts : null;
}

/**
 * The dates of an offer's parts: the first on `start` (today, when the debtor agrees), then every month or every
 * two weeks, as calendar dates in the business's time zone. Monthly dates are counted from the start, not from the
 * previous part, so 31 January gives 28 (or 29) February, then 31 March.
 */
export function partDates(
  start: string,
  offer: Pick<InstallmentOffer, 'parts' | 'interval'>,
  timeZone: string,
) {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  // Noon local time: a daylight-saving change can never push the date across midnight.
  const origin = new TZDate(y, m - 1, d, 12, 0, 0, timeZone);
  return Array.from({ length: offer.parts }, (_, i) =>
    format(offer.interval === 'monthly' ? addMonths(origin, i) : addDays(origin, 14 * i), 'yyyy-MM-dd'),
  );
}

/** The full schedule of an offer for a balance starting `start`, or null when the balance cannot be split so. */
export function buildSchedule(input: {
  balanceMinor: number;
  offer: InstallmentOffer;
  start: string;
  timeZone: string;
}): SchedulePart[] | null {
  const amounts = splitAmounts(input.balanceMinor, input.offer);
  if (!amounts) return null;
  const dates = partDates(input.start, input.offer, input.timeZone);
  return amounts.map((amountMinor, i) => ({ seq: i + 1, dueDate: dates[i]!, amountMinor }));
}

export type PlanLimits = {
  planMinFirstPartMinor: number;
  planMaxDurationDays: number;
  planMinInvoiceMinor: number;
};

/** The business's offers that fit this balance, each with its exact schedule, in the order the business set. */
export function eligibleSchedules(input: {
  offers: InstallmentOffer[];
  limits: PlanLimits;
  balanceMinor: number;
  start: string;
  timeZone: string;
}): { offer: InstallmentOffer; parts: SchedulePart[] }[] {
  if (input.balanceMinor < Math.max(1, input.limits.planMinInvoiceMinor)) return [];
  const out: { offer: InstallmentOffer; parts: SchedulePart[] }[] = [];
  for (const offer of input.offers) {
    const parts = buildSchedule({ ...input, offer });
    if (!parts) continue;
    if (parts[0]!.amountMinor < input.limits.planMinFirstPartMinor) continue;
    const days = differenceInCalendarDays(
      new Date(`${parts.at(-1)!.dueDate}T12:00:00Z`),
      new Date(`${input.start}T12:00:00Z`),
    );
    if (days > input.limits.planMaxDurationDays) continue;
    out.push({ offer, parts });
  }
  return out;
}
