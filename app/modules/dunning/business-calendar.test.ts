import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  easterSunday,
  frenchPublicHolidays,
  isBusinessDay,
  isInSendingWindow,
  localTime,
  type SendingWindow,
} from './business-calendar';

const paris: SendingWindow = { timeZone: 'Europe/Paris', country: 'FR', startHour: 9, endHour: 18 };
const newYork: SendingWindow = { timeZone: 'America/New_York', country: 'US', startHour: 9, endHour: 18 };
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** An independent reading of local time, through Intl rather than @date-fns/tz. */
function intlLocal(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

describe('Easter and the French public holidays', () => {
  test('Easter Sunday on known years, including the earliest and latest possible dates', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  test('2026: the eleven holidays, with Easter Monday, Ascension and Whit Monday', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  test('property: Easter is a Sunday between 22 March and 25 April; its holidays fall on their weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(weekday(easter)).toBe(0);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
        const holidays = frenchPublicHolidays(year);
        expect(holidays).toHaveLength(11);
        const fromEaster = (days: number) =>
          new Date(Date.parse(`${easter}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        for (const [days, day] of [
          [1, 1], // Easter Monday
          [39, 4], // Ascension, a Thursday
          [50, 1], // Whit Monday
        ] as const) {
          expect(holidays).toContain(fromEaster(days));
          expect(weekday(fromEaster(days))).toBe(day);
        }
      }),
    );
  });

  test('business days: weekends never, French holidays only in France', () => {
    expect(isBusinessDay('2026-06-12', 'FR')).toBe(true); // Friday
    expect(isBusinessDay('2026-06-13', 'FR')).toBe(false); // Saturday
    expect(isBusinessDay('2026-06-14', 'US')).toBe(false); // Sunday
    expect(isBusinessDay('2026-05-14', 'FR')).toBe(false); // Ascension
    expect(isBusinessDay('2026-05-14', 'US')).toBe(true);
    expect(isBusinessDay('2026-07-14', 'FR')).toBe(false);
    expect(isBusinessDay('2026-07-14', 'GB')).toBe(true);
  });
});

describe('the sending window', () => {
  test('Paris: from 9:00 to 17:59 local on a business day, in winter and in summer time', () => {
    // 20 January 2026 (UTC+1) and 16 June 2026 (UTC+2), both Tuesdays.
    expect(isInSendingWindow(paris, new Date('2026-01-20T07:59:59Z'))).toBe(false);
    expect(isInSendingWindow(paris, new Date('2026-01-20T08:00:00Z'))).toBe(true);
    expect(isInSendingWindow(paris, new Date('2026-01-20T16:59:59Z'))).toBe(true);
    expect(isInSendingWindow(paris, new Date('2026-01-20T17:00:00Z'))).toBe(false);
    expect(isInSendingWindow(paris, new Date('2026-06-16T06:59:00Z'))).toBe(false);
    expect(isInSendingWindow(paris, new Date('2026-06-16T07:00:00Z'))).toBe(true);
    expect(isInSendingWindow(paris, new Date('2026-06-16T15:59:00Z'))).toBe(true);
    expect(isInSendingWindow(paris, new Date('2026-06-16T16:00:00Z'))).toBe(false);
  });

  test('not on a Saturday, nor on Whit Monday in France', () => {
    expect(isInSendingWindow(paris, new Date('2026-06-13T10:00:00Z'))).toBe(false);
    expect(isInSendingWindow(paris, new Date('2026-05-25T10:00:00Z'))).toBe(false);
    expect(isInSendingWindow(newYork, new Date('2026-05-25T14:00:00Z'))).toBe(true);
  });

  test('the same instant is inside one business’s window and outside another’s', () => {
    // Tuesday 16 June 2026, 07:30 UTC: 09:30 in Paris, 03:30 in New York.
    expect(isInSendingWindow(paris, new Date('2026-06-16T07:30:00Z'))).toBe(true);
    expect(isInSendingWindow(newYork, new Date('2026-06-16T07:30:00Z'))).toBe(false);
    // 21:00 UTC: 23:00 in Paris, 17:00 in New York.
    expect(isInSendingWindow(paris, new Date('2026-06-16T21:00:00Z'))).toBe(false);
    expect(isInSendingWindow(newYork, new Date('2026-06-16T21:00:00Z'))).toBe(true);
    // Friday 12 June 2026, 23:30 UTC: already Saturday in Paris, still Friday 19:30 in New York.
    const lateFriday = new Date('2026-06-12T23:30:00Z');
    expect(localTime(lateFriday, 'Europe/Paris').date).toBe('2026-06-13');
    expect(isInSendingWindow({ ...newYork, endHour: 20 }, lateFriday)).toBe(true);
    expect(isInSendingWindow({ ...paris, startHour: 0, endHour: 24 }, lateFriday)).toBe(false);
  });

  test('property: inside the window exactly when Intl says the local hour and day allow it', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland', 'UTC'];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        fc.constantFrom('FR', 'US'),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 24 }),
        (instant, timeZone, country, a, b) => {
          fc.pre(a < b);
          const window = { timeZone, country, startHour: a, endHour: b };
          const local = intlLocal(instant, timeZone);
          expect(localTime(instant, timeZone)).toEqual(local);
          const day = weekday(local.date);
          const holiday =
            country === 'FR' && frenchPublicHolidays(Number(local.date.slice(0, 4))).includes(local.date);
          const expected = day >= 1 && day <= 5 && !holiday && local.hour >= a && local.hour < b;
          expect(isInSendingWindow(window, instant)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
