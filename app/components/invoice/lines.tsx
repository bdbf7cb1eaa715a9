import type { InvoiceLineView } from '~/modules/invoices/types';
import type { Locale, T } from '~/utils/i18n';
import { money, quantity, rate } from './format';

type Props = { lines: InvoiceLineView[]; currency: string; locale: Locale; t: T };

/** A table from small tablets up; stacked rows on phones, where five columns cannot fit. */
export function InvoiceLines({ lines, currency, locale, t }: Props) {
  const m = (v: number) => money(v, currency, locale);
  const qty = (l: InvoiceLineView) => `${quantity(l.quantityMilli, locale)}${l.unit ? ` ${l.unit}` : ''}`;
  return (
    <>
      <ul className="divide-y divide-slate-200 sm:hidden">
        {lines.map((line) => (
          <li key={line.id} className="flex items-start justify-between gap-4 py-3">
            <div className="min-w-0">
              <p className="break-words text-sm font-medium text-slate-900">{line.description}</p>
              <p className="mt-0.5 text-xs text-slate-600">
                {t('lines.qtyTimesPrice', { qty: qty(line), price: m(line.unitPriceMinor) })} · {t('lines.taxRate')}{' '}
                {rate(line.taxRateBps, locale)}
              </p>
            </div>
            <p className="shrink-0 text-sm font-medium tabular-nums text-slate-900">{m(line.lineTotalMinor)}</p>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-sm sm:table">
        <caption className="sr-only">{t('lines.title')}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
            <th scope="col" className="py-2 pr-3 font-semibold">
              {t('lines.description')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t('lines.quantity')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t('lines.unitPrice')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
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
              <td className="break-words py-3 pr-3 text-slate-900">{line.description}</td>
              <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums">{qty(line)}</td>
              <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums">{m(line.unitPriceMinor)}</td>
              <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums">{rate(line.taxRateBps, locale)}</td>
              <td className="whitespace-nowrap py-3 pl-3 text-right font-medium tabular-nums">{m(line.lineTotalMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
