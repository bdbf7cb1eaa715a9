import { money, rate } from '~/components/invoice/format';
import { computeTotals } from '~/modules/invoices/totals';
import type { Locale, T } from '~/utils/i18n';
import { minorDigits, parseDecimal } from '~/utils/money';

type LineValue = { quantity?: unknown; unitPrice?: unknown; taxRate?: unknown } | null | undefined;

/** Totals of the lines as typed so far (lines not yet valid are left out); the server computes the real ones. */
export function TotalsPreview({
  lines,
  currency,
  locale,
  t,
}: {
  lines: LineValue[];
  currency: string;
  locale: Locale;
  t: T;
}) {
  const digits = minorDigits(currency);
  const parsed = lines.flatMap((l) => {
    const quantityMilli = typeof l?.quantity === 'string' ? parseDecimal(l.quantity, 3) : null;
    const unitPriceMinor = typeof l?.unitPrice === 'string' ? parseDecimal(l.unitPrice, digits) : null;
    const taxRateBps = typeof l?.taxRate === 'string' ? parseDecimal(l.taxRate, 2) : null;
    if (!quantityMilli || quantityMilli < 0 || !unitPriceMinor || unitPriceMinor < 0) return [];
    if (taxRateBps === null || taxRateBps < 0 || taxRateBps > 10_000) return [];
    return [{ quantityMilli, unitPriceMinor, taxRateBps }];
  });
  const totals = computeTotals(parsed);
  const m = (v: number) => money(v, currency, locale);
  return (
    <div className="mt-5 border-t border-slate-200 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">{t('new.preview')}</h3>
      <dl className="ml-auto mt-2 w-full max-w-sm text-sm">
        <div className="flex justify-between gap-6 py-1 text-slate-700">
          <dt>{t('totals.subtotal')}</dt>
          <dd className="tabular-nums">{m(totals.subtotalMinor)}</dd>
        </div>
        {totals.taxes.map((tax) => (
          <div key={tax.rateBps} className="flex justify-between gap-6 py-1 text-slate-700">
            <dt>{t('totals.tax', { rate: rate(tax.rateBps, locale) })}</dt>
            <dd className="tabular-nums">{m(tax.taxMinor)}</dd>
          </div>
        ))}
        <div className="flex justify-between gap-6 border-t border-slate-200 py-1 font-semibold text-slate-900">
          <dt>{t('totals.total')}</dt>
          <dd className="tabular-nums">{m(totals.totalMinor)}</dd>
        </div>
      </dl>
      <p className="mt-1 text-right text-xs text-slate-600">{t('new.preview.note')}</p>
    </div>
  );
}
