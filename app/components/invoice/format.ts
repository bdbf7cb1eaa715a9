import { formatMoney } from '~/utils/money';
import { formatNumber, formatPercentBps, intlTag, type Locale } from '~/utils/i18n';

export function money(amountMinor: number, currency: string, locale: Locale): string {
  return formatMoney(amountMinor, currency, intlTag(locale));
}

export function quantity(quantityMilli: number, locale: Locale): string {
  return formatNumber(quantityMilli / 1000, locale);
}

export const rate = formatPercentBps;
