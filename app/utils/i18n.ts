import { common } from '~/i18n/common';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = Record<string, string>;
export type Dictionary = Record<Locale, Messages>;

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

/** `?lang=` wins (the switch on every page is a plain link, so it works without JavaScript), then Accept-Language. */
export function pickLocale(request: Request, fallback: Locale = 'fr'): Locale {
  const lang = new URL(request.url).searchParams.get('lang');
  if (isLocale(lang)) return lang;
  return fromAcceptLanguage(request.headers.get('accept-language'), fallback);
}

export function fromAcceptLanguage(header: string | null, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0], q: q ? Number(q) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? fallback;
}

/** Intl tag used for numbers and dates. */
export function intlTag(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

export type T = (key: string, vars?: Record<string, string | number>) => string;

/** Looks `key` up in the given dictionaries, then the common one; {name} placeholders are filled from vars. */
export function translator(locale: Locale, ...dictionaries: Dictionary[]): T {
  const sources = [...dictionaries, common].map((d) => d[locale]);
  return (key, vars) => {
    const template = sources.find((s) => key in s)?.[key] ?? key;
    return vars
      ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
      : template;
  };
}

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** Intl formatters are costly to build and cheap to use: one per locale and style, kept. */
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** A date-only string (YYYY-MM-DD) formatted for the locale, without time zone drift. */
const formattedDates = new Map<string, string>();

export function formatDate(isoDate: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  // The same few dates fill every page, and ICU takes microseconds per call: keep recent results.
  const memoKey = `${locale}|${style}|${isoDate}`;
  let text = formattedDates.get(memoKey);
  if (text === undefined) {
    text = formatDateUncached(isoDate, locale, style);
    if (formattedDates.size >= 10_000) formattedDates.clear();
    formattedDates.set(memoKey, text);
  }
  return text;
}

function formatDateUncached(isoDate: string, locale: Locale, style: 'long' | 'short'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return cached(
    `date|${locale}|${style}`,
    () =>
      new Intl.DateTimeFormat(intlTag(locale), {
        timeZone: 'UTC',
        ...(style === 'long' ? { day: 'numeric', month: 'long', year: 'numeric' } : { dateStyle: 'short' }),
      }),
  ).format(date);
}

export function formatDateTime(at: Date | string, locale: Locale, timeZone: string): string {
  return cached(
    `datetime|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(new Date(at));
}

export function formatPercentBps(bps: number, locale: Locale): string {
  return cached(
    `percent|${locale}`,
    () => new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 2 }),
  ).format(bps / 10000);
}

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 3): string {
  return cached(
    `number|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits }),
  ).format(value);
}
