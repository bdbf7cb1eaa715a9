import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** When a business lets reminders go out: local hours [startHour, endHour) on its business days. */
export type SendingWindow = {
  timeZone: string;
  /** ISO 3166 alpha-2; FR adds the French public holidays to the weekends. */
  country: string;
  startHour: number;
  endHour: number;
};

/** Easter Sunday (Gregorian, anonymous algorithm of Meeus/Jones/Butcher) as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * The eleven public holidays of metropolitan France (Code du travail L3133-1), as YYYY-MM-DD. Whit Monday stays in:
 * it is often the "journée de solidarité", but offices are mostly closed and a reminder that day reads badly.
 * Alsace-Moselle's Good Friday and St Stephen's Day are not included.
 */
export function frenchPublicHolidays(year: number): string[] {
  const easter = Date.parse(`${easterSunday(year)}T12:00:00Z`);
  const fromEaster = (days: number) => new Date(easter + days * 86_400_000).toISOString().slice(0, 10);
  return [
    `${year}-01-01`,
    fromEaster(1), // Easter Monday
    `${year}-05-01`,
    `${year}-05-08`,
    fromEaster(39), // Ascension Thursday
    fromEaster(50), // Whit Monday
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ].sort();
}

const holidayCache = new Map<number, Set<string>>();

export function isPublicHoliday(date: string, country: string): boolean {
  if (country.toUpperCase() !== 'FR') return false;
  const year = Number(date.slice(0, 4));
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Set(frenchPublicHolidays(year));
    holidayCache.set(year, holidays);
  }
  return holidays.has(date);
}

/** Monday to Friday and not a public holiday; `date` is a local calendar date (YYYY-MM-DD). */
export function isBusinessDay(date: string, country: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date, country);
}

/** The local date and hour of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): { date: string; hour: number } {
  const local = new TZDate(instant, timeZone);
  return { date: format(local, 'yyyy-MM-dd'), hour: local.getHours() };
}

/** The instant at a local wall-clock time (date YYYY-MM-DD, hour, minute) in a time zone. */
export function localInstant(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, hour, minute, timeZone).getTime());
}

/** Whether a reminder may go out at this instant: a business day, and a local hour inside the window. */
export function isInSendingWindow(window: SendingWindow, instant: Date): boolean {
  const { date, hour } = localTime(instant, window.timeZone);
  return hour >= window.startHour && hour < window.endHour && isBusinessDay(date, window.country);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
