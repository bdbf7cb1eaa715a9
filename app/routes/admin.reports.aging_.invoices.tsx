import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { Pager } from '~/components/admin/pager';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminReports } from '~/i18n/admin-reports';
import { agingInvoices } from '~/modules/reports/aging-invoices.server';
import { parseBucket, parseCurrency, parsePage, parseUuid } from '~/modules/reports/aging-page.server';
import { db } from '~/utils/db.server';
import { formatDate } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminReports], 'drill.title');

/** The invoices behind an aging or dashboard figure: by customer, currency and bucket (or every late one). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const filter = {
    customerId: parseUuid(params.get('customer')),
    currency: parseCurrency(params.get('currency')),
    filter: parseBucket(params.get('bucket')),
    page: parsePage(params.get('page')),
  };
  const list = await agingInvoices(db(), { businessId: user.businessId, ...filter });
  return { ...list, ...filter };
}

export const ErrorBoundary = AdminErrorBoundary;

export default function AgingInvoices() {
  const { rows, total, pages, page, asOf, customerId, currency, filter } = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminReports);
  const lang = useLangLink();
  const location = useLocation();
  const customerName = customerId ? rows[0]?.customerName : null;
  const filters = [customerName, currency, filter ? t(`aging.bucket.${filter}`) : null].filter(Boolean);
  const th = 'px-3 py-2 font-semibold';

  return (
    <div className="space-y-5">
      <p>
        <Link
          to={lang(`/admin/reports/aging${currency ? `?currency=${currency}` : ''}`)}
          className={textLink}
        >
          {t('drill.back')}
        </Link>
      </p>
      <div>
        <h1 className={pageTitle}>
          {t('drill.title')}
          {filters.length ? ` · ${filters.join(' · ')}` : ''}
        </h1>
        <p className="mt-1 text-sm text-slate-700" aria-live="polite">
          {t(total === 1 ? 'drill.count.one' : 'drill.count.other', { count: total })} ·{' '}
          {t('aging.intro', { date: formatDate(asOf, locale) })}
        </p>
      </div>
      {rows.length ? (
        <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">{t('drill.caption')}</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className={`${th} pl-4`}>
                  {t('drill.col.number')}
                </th>
                <th scope="col" className={th}>
                  {t('drill.col.customer')}
                </th>
                <th scope="col" className={th}>
                  {t('drill.col.due')}
                </th>
                <th scope="col" className={th}>
                  {t('drill.col.late')}
                </th>
                <th scope="col" className={th}>
                  {t('drill.col.bucket')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('drill.col.total')}
                </th>
                <th scope="col" className={`${th} pr-4 text-right`}>
                  {t('drill.col.balance')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="whitespace-nowrap py-2 pl-4 pr-3 text-left font-medium">
                    <Link to={lang(`/admin/invoices/${r.id}`)} className={textLink}>
                      {r.number}
                    </Link>
                  </th>
                  <td className="max-w-56 truncate px-3 py-2 text-slate-900">{r.customerName}</td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                    {formatDate(r.dueDate, locale, 'short')}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                    {r.daysLate > 0 ? t('drill.late.days', { days: r.daysLate }) : t('drill.notLate')}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{t(`aging.bucket.${r.bucket}`)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {money(r.totalMinor, r.currency, locale)}
                  </td>
                  <td className="whitespace-nowrap py-2 pl-3 pr-4 text-right font-semibold tabular-nums">
                    {money(r.balanceMinor, r.currency, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className={`${card} text-sm text-slate-700`}>{t('drill.empty')}</p>
      )}
      <Pager page={page} pages={pages} search={location.search} t={t} />
    </div>
  );
}
