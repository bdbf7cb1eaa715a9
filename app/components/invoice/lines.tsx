import type { InvoiceLineView } from '~/modules/invoices/types';
import type { Locale, T } from '~/utils/i18n';
import { money, quantity, rate } from './format';

type Props = { lines: InvoiceLineView[]; currency: string; locale: Locale; t: T };

/**
 * One table for every screen: on phones the quantity, unit price and tax columns fold into a line under the
 * description, since five columns cannot fit.
 */
export function InvoiceLines({ lines, currency, locale, t }: Props) {
  const m = (v: number) => money(v, currency, locale);
  const qty = (l: InvoiceLineView) => `${quantity(l.quantityMilli, locale)}${l.unit ? ` ${l.unit}` : ''}`;
  const wide = 'hidden whitespace-nowrap px-3 py-3 text-right tabular-nums sm:table-cell';
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{t('lines.title')}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
          <th scope="col" className="py-2 pr-3 font-semibold">
            {t('lines.description')}
          </th>
          <th scope="col" className="hidden px-3 py-2 text-right font-semibold sm:table-cell">
            {t('lines.quantity')}
          </th>
          <th scope="col" className="hidden px-3 py-2 text-right font-semibold sm:table-cell">
            {t('lines.unitPrice')}
          </th>
          <th scope="col" className="hidden px-3 py-2 text-right font-semibold sm:table-cell">
            {t('lines.taxRate')}
          </th>
          <th scope="col" className="py-2 pl-3 text-right font-semibold">
            {t('lines.total')}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {lines.map((line) => (
          <tr key={line.id} className="align-top">
            <td className="break-words py-3 pr-3 text-slate-900">
              {line.description}
              <span className="mt-0.5 block text-xs text-slate-600 sm:hidden">
                {t('lines.qtyTimesPrice', { qty: qty(line), price: m(line.unitPriceMinor) })} ·{' '}
                {t('lines.taxRate')} {rate(line.taxRateBps, locale)}
              </span>
            </td>
            <td className={wide}>{qty(line)}</td>
            <td className={wide}>{m(line.unitPriceMinor)}</td>
            <td className={wide}>{rate(line.taxRateBps, locale)}</td>
            <td className="whitespace-nowrap py-3 pl-3 text-right font-medium tabular-nums">
              {m(line.lineTotalMinor)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
