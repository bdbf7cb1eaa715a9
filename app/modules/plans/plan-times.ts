import { localInstant } from '~/modules/dunning/business-calendar';
import { addDaysIso, todayIn } from '~/utils/dates';

/** A failed part is tried again once, this many days later. */
export const RETRY_DAYS = 3;
/** A part still unpaid this many days after its date ends the plan. */
export const DEFAULT_AFTER_DAYS = 7;
/** A plan chosen whose first part was never paid is let go after this long (reminders resume). */
export const PENDING_PLAN_HOURS = 24;
/** A charge claimed this long ago with no outcome recorded (worker killed mid-call) is run again, same attempt. */
export const CHARGE_LEASE_MINUTES = 10;

/** When the automatic retry of a part that failed at `now` runs: RETRY_DAYS later, at the business's opening hour. */
export function retryInstant(now: Date, timeZone: string, hour: number): Date {
  return localInstant(addDaysIso(todayIn(timeZone, now), RETRY_DAYS), hour, 0, timeZone);
}
