/** Days past the due date, in the business's time zone: due today or later is current; day 30 is 1-30, day 31 is 31-60. */
export const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'days90plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
/** Drill-down filters: one bucket, or every late bucket at once. */
export type AgingFilter = AgingBucket | 'overdue';

export function isAgingFilter(value: unknown): value is AgingFilter {
  return value === 'overdue' || (AGING_BUCKETS as readonly unknown[]).includes(value);
}
