import { ECB_RATE_BPS, STATUTORY_MARGIN_BPS, type LatePenalty } from '~/modules/invoices/penalties';
import { formatPercentBps, intlTag, translator, type Dictionary, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';

const copy: Dictionary = {
  fr: {
    'rate.statutory': '{rate} par an (taux BCE {ecb} + {margin} points)',
    'rate.contractual': '{rate} par an (taux prévu par nos conditions de paiement)',
  },
  en: {
    'rate.statutory': '{rate} a year (ECB rate {ecb} + {margin} points)',
    'rate.contractual': '{rate} a year (the rate set in our payment terms)',
  },
};

/** "12,15 % par an (taux BCE 2,15 % + 10 points)", or the invoice's own rate. */
export function penaltyRateText(penalty: Pick<LatePenalty, 'rateBps' | 'statutory'>, locale: Locale): string {
  const t = translator(locale, copy);
  const rate = formatPercentBps(penalty.rateBps, locale);
  if (!penalty.statutory) return t('rate.contractual', { rate });
  return t('rate.statutory', {
    rate,
    ecb: formatPercentBps(ECB_RATE_BPS, locale),
    margin: STATUTORY_MARGIN_BPS / 100,
  });
}

/**
 * The penalty's amounts as printed. The statute sets the recovery indemnity in euros whatever the invoice's
 * currency, so for another currency the total is shown as the interest plus the indemnity rather than a sum.
 */
export function penaltyAmounts(
  penalty: Pick<LatePenalty, 'interestMinor' | 'indemnityMinor' | 'totalMinor'>,
  currency: string,
  locale: Locale,
): { interest: string; indemnity: string; total: string } {
  const tag = intlTag(locale);
  const interest = formatMoney(penalty.interestMinor, currency, tag);
  const indemnity = formatMoney(penalty.indemnityMinor, 'EUR', tag);
  const total =
    currency === 'EUR' ? formatMoney(penalty.totalMinor, 'EUR', tag) : `${interest} + ${indemnity}`;
  return { interest, indemnity, total };
}
