import type { InvoiceView } from '~/modules/invoices/types';
import { computeTotals } from '~/modules/invoices/totals';
import type { Locale, T } from '~/utils/i18n';
import { money, rate } from './format';

export function InvoiceTotals({ view, locale, t }: { view: InvoiceView; locale: Locale; t: T }) {
  const m = (v: number) => money(v, view.currency, locale);
  const { taxes } = computeTotals(view.lines);
  const row = (label: string, value: string, strong = false, key?: string) => (
    <div
      key={key ?? label}
      className={`flex justify-between gap-6 py-1.5 ${strong ? 'font-semibold text-slate-900' : 'text-slate-700'}`}
    >
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
  return (
    <>
      <dl className="ml-auto w-full max-w-sm text-sm">
        {row(t('totals.subtotal'), m(view.subtotalMinor))}
        {taxes.map((tax) =>
          row(
            `${t('totals.tax', { rate: rate(tax.rateBps, locale) })} ${t('totals.taxOn', { base: m(tax.baseMinor) })}`,
            m(tax.taxMinor),
            false,
            `tax-${tax.rateBps}`,
          ),
        )}
        <div className="my-1 border-t border-slate-200" />
        {row(t('totals.total'), m(view.totalMinor), true)}
        {view.paidMinor > 0 ? row(t('totals.paid'), `− ${m(view.paidMinor)}`) : null}
        {view.creditedMinor > 0 ? row(t('totals.credited'), `− ${m(view.creditedMinor)}`) : null}
        {view.processingMinor > 0 ? row(t('totals.processing'), m(view.processingMinor)) : null}
        <div className="my-1 border-t border-slate-200" />
        {row(t('totals.balance'), m(view.balanceMinor), true)}
      </dl>
      {view.vatExemption ? (
        <p className="ml-auto mt-2 w-full max-w-sm text-sm font-medium text-slate-900">
          {t(`vat.${view.vatExemption}`)}
        </p>
      ) : null}
    </>
  );
}
