import { Link } from '@remix-run/react';
import { money } from '~/components/invoice/format';
import type { InvoiceListRow } from '~/modules/invoices/list-invoices.server';
import { formatDate, type Locale, type T } from '~/utils/i18n';
import { StatusBadge } from './status-badge';
import { useLangLink } from './use-admin';

type Props = { rows: InvoiceListRow[]; today: string; locale: Locale; t: T };

/** A table from tablets up; on phones each invoice is a stacked card (seven columns cannot fit). */
export function InvoiceTable({ rows, today, locale, t }: Props) {
  const lang = useLangLink();
  const d = (iso: string) => formatDate(iso, locale, 'short');
  const m = (row: InvoiceListRow, v: number) => money(v, row.currency, locale);
  const label = (row: InvoiceListRow) => row.number ?? t('list.draftNumber');
  const overdue = (row: InvoiceListRow) => row.status === 'open' && row.dueDate < today;

  return (
    <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
      <ul className="divide-y divide-slate-200 md:hidden">
        {rows.map((row) => (
          <li key={row.id} className="px-4 py-3">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <Link
                  to={lang(`/admin/invoices/${row.id}`)}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                >
                  {label(row)}
                </Link>
                <p className="truncate text-sm text-slate-800">{row.customerName}</p>
              </div>
              <StatusBadge status={row.status} overdue={overdue(row)} t={t} />
            </div>
            <div className="mt-1 flex items-end justify-between gap-3 text-sm">
              <p className={overdue(row) ? 'text-red-800' : 'text-slate-700'}>
                {t('list.col.dueDate')} {d(row.dueDate)}
              </p>
              <p className="text-right tabular-nums">
                <span className="font-semibold text-slate-900">{m(row, row.balanceMinor)}</span>
                {row.balanceMinor !== row.totalMinor ? (
                  <span className="block text-xs text-slate-600">/ {m(row, row.totalMinor)}</span>
                ) : null}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-sm md:table">
        <caption className="sr-only">{t('list.caption')}</caption>
        <thead className="bg-slate-50">
          <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
            <th scope="col" className="px-4 py-3 font-semibold">
              {t('list.col.number')}
            </th>
            <th scope="col" className="px-3 py-3 font-semibold">
              {t('list.col.customer')}
            </th>
            <th scope="col" className="px-3 py-3 font-semibold">
              {t('list.col.issueDate')}
            </th>
            <th scope="col" className="px-3 py-3 font-semibold">
              {t('list.col.dueDate')}
            </th>
            <th scope="col" className="px-3 py-3 text-right font-semibold">
              {t('list.col.total')}
            </th>
            <th scope="col" className="px-3 py-3 text-right font-semibold">
              {t('list.col.balance')}
            </th>
            <th scope="col" className="px-4 py-3 font-semibold">
              {t('list.col.status')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50">
              <td className="whitespace-nowrap px-4 py-3">
                <Link
                  to={lang(`/admin/invoices/${row.id}`)}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                >
                  {label(row)}
                </Link>
              </td>
              <td className="max-w-64 truncate px-3 py-3 text-slate-900">{row.customerName}</td>
              <td className="whitespace-nowrap px-3 py-3 tabular-nums text-slate-700">{d(row.issueDate)}</td>
              <td
                className={`whitespace-nowrap px-3 py-3 tabular-nums ${overdue(row) ? 'font-medium text-red-800' : 'text-slate-700'}`}
              >
                {d(row.dueDate)}
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums text-slate-700">
                {m(row, row.totalMinor)}
              </td>
              <td className="whitespace-nowrap px-3 py-3 text-right font-medium tabular-nums text-slate-900">
                {m(row, row.balanceMinor)}
              </td>
              <td className="px-4 py-3">
                <StatusBadge status={row.status} overdue={overdue(row)} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
