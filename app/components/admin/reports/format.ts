import { intlTag, type Locale } from '~/utils/i18n';

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** "mars 2026" / "March 2026" for a YYYY-MM month; `short`: "mars" / "Mar". */
export function formatMonth(month: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const key = `${locale}|${style}`;
  let format = monthFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), {
      month: style,
      ...(style === 'long' ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
    monthFormats.set(key, format);
  }
  const [y, m] = month.split('-').map(Number);
  return format.format(new Date(Date.UTC(y!, m! - 1, 1)));
}
