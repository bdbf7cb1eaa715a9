import { formatMoney } from '~/utils/money';
import { intlTag, type Locale } from '~/utils/i18n';

export function money(amountMinor: number, currency: string, locale: Locale): string {
  return formatMoney(amountMinor, currency, intlTag(locale));
}

export function quantity(quantityMilli: number, locale: Locale): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 3 }).format(quantityMilli / 1000);
}

export function rate(bps: number, locale: Locale): string {
  return new Intl.NumberFormat(intlTag(locale), { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10000);
}
