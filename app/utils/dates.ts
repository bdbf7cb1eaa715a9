import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns';

const todayByZone = new Map<string, { minute: number; date: string }>();

/**
 * Today's date (YYYY-MM-DD) in the given IANA time zone: due dates live in the business's zone. Every page asks,
 * so the answer is kept for the minute (a date changes only on a minute boundary, in every zone).
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const kept = todayByZone.get(timeZone);
  if (kept?.minute === minute) return kept.date;
  const date = format(new TZDate(now, timeZone), 'yyyy-MM-dd');
  if (todayByZone.size > 1000) todayByZone.clear();
  todayByZone.set(timeZone, { minute, date });
  return date;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function addDaysIso(date: string, days: number): string {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = parseISO(value);
  return !Number.isNaN(d.getTime()) && format(d, 'yyyy-MM-dd') === value;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
