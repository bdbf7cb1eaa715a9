import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { formatMonth } from '~/components/admin/reports/format';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminReports } from '~/i18n/admin-reports';
import { businessBasics } from '~/modules/business/business-basics.server';
import { parseCurrency } from '~/modules/reports/aging-page.server';
import { COLLECTIONS_LIMIT, listCollections, parseMonth } from '~/modules/reports/list-collections.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { formatDateTime } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) =>
  sectionTitle(matches, [adminReports], 'dashboard.collected');

/** The payments and refunds behind a month's "collected" figure. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const { timeZone } = await businessBasics(db(), user.businessId);
  const month = parseMonth(params.get('month')) ?? todayIn(timeZone).slice(0, 7);
  const currency = parseCurrency(params.get('currency')) ?? 'EUR';
  const list = await listCollections(db(), { businessId: user.businessId, timeZone, month, currency });
  return { ...list, month, currency, timeZone, limit: COLLECTIONS_LIMIT };
}

export const ErrorBoundary = AdminErrorBoundary;

export default function Collections() {
  const { rows, netMinor, truncated, month, currency, timeZone, limit } = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminReports);
  const lang = useLangLink();
  const th = 'px-3 py-2 font-semibold';
  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin')} className={textLink}>
          {t('collections.back')}
        </Link>
      </p>
      <div>
        <h1 className={pageTitle}>
          {t('collections.title', { month: formatMonth(month, locale) })} · {currency}
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          {t('collections.net', { amount: money(netMinor, currency, locale) })}
        </p>
      </div>
      {truncated ? (
        <p className="text-sm text-slate-700">{t('collections.truncated', { count: limit })}</p>
      ) : null}
      {rows.length ? (
        <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">{t('collections.caption')}</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className={`${th} pl-4`}>
                  {t('collections.col.date')}
                </th>
                <th scope="col" className={th}>
                  {t('collections.col.kind')}
                </th>
                <th scope="col" className={th}>
                  {t('collections.col.customer')}
                </th>
                <th scope="col" className={th}>
                  {t('collections.col.invoice')}
                </th>
                <th scope="col" className={`${th} pr-4 text-right`}>
                  {t('collections.col.amount')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={`${r.kind}-${r.id}`}>
                  <td className="whitespace-nowrap py-2 pl-4 pr-3 tabular-nums">
                    {formatDateTime(r.at, locale, timeZone)}
                  </td>
                  <td className="px-3 py-2">{t(`collections.kind.${r.kind}`)}</td>
                  <td className="max-w-56 truncate px-3 py-2">{r.customerName}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {r.invoiceId ? (
                      <Link to={lang(`/admin/invoices/${r.invoiceId}`)} className={textLink}>
                        {r.invoiceNumber}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="whitespace-nowrap py-2 pl-3 pr-4 text-right font-medium tabular-nums">
                    {money(r.amountMinor, currency, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className={`${card} text-sm text-slate-700`}>{t('collections.empty')}</p>
      )}
    </div>
  );
}
