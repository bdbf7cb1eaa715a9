import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useSearchParams } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { Pager } from '~/components/admin/pager';
import { HorizontalBars } from '~/components/admin/reports/charts';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, secondaryButton, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminReports } from '~/i18n/admin-reports';
import { agingPage } from '~/modules/reports/aging-page.server';
import { AGING_BUCKETS, type AgingBucket } from '~/modules/reports/buckets';
import { db } from '~/utils/db.server';
import { formatDate } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminReports], 'aging.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return agingPage(db(), user.businessId, new URL(request.url).searchParams);
}

export const ErrorBoundary = AdminErrorBoundary;

const th = 'px-3 py-2 text-right font-semibold';
const td = 'whitespace-nowrap px-3 py-2 text-right tabular-nums';

export default function AgingReport() {
  const report = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminReports);
  const lang = useLangLink();
  const location = useLocation();
  const [params] = useSearchParams();
  const langParam = params.get('lang');
  const current = report.totals.find((l) => l.currency === report.currency);
  const bucketLabel = (b: AgingBucket) => t(`aging.bucket.${b}`);
  const drill = (q: Record<string, string>) =>
    lang(`/admin/reports/aging/invoices?${new URLSearchParams(q).toString()}`);
  const amountCell = (amount: number, currency: string, q: Record<string, string>, label: string) =>
    amount > 0 ? (
      <Link to={drill(q)} className={textLink} aria-label={label}>
        {money(amount, currency, locale)}
      </Link>
    ) : (
      <span className="text-slate-600">{money(0, currency, locale)}</span>
    );

  return (
    <div className="space-y-5">
      <div>
        <h1 className={pageTitle}>{t('aging.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {t('aging.intro', { date: formatDate(report.asOf, locale) })}
        </p>
      </div>

      {report.totals.length === 0 ? (
        <p className={`${card} text-sm text-slate-700`}>{t('aging.empty')}</p>
      ) : (
        <>
          {report.currencies.length > 1 ? (
            <nav aria-label={t('aging.currency.label')} className={card}>
              <ul className="flex flex-wrap gap-2">
                {report.currencies.map((c) => (
                  <li key={c}>
                    <Link
                      to={lang(`/admin/reports/aging?currency=${c}`)}
                      aria-current={c === report.currency ? 'page' : undefined}
                      className={`inline-block rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
                        c === report.currency
                          ? 'bg-brand-700 text-white ring-brand-700'
                          : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
                      }`}
                    >
                      {c}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}

          {current ? (
            <div className={card}>
              <HorizontalBars
                title={t('aging.chart.title', { currency: report.currency })}
                description={t('aging.chart.desc', {
                  values: AGING_BUCKETS.map(
                    (b) => `${bucketLabel(b)} ${money(current.amounts[b], current.currency, locale)}`,
                  ).join(', '),
                })}
                bars={AGING_BUCKETS.map((b) => ({
                  label: bucketLabel(b),
                  value: current.amounts[b],
                  text: money(current.amounts[b], current.currency, locale),
                }))}
              />
            </div>
          ) : null}

          <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-sm">
              <caption className="px-4 pt-4 text-left font-semibold text-slate-900">
                {t('aging.totals.caption')}
              </caption>
              <thead className="bg-slate-50">
                <tr className="text-xs uppercase tracking-wide text-slate-600">
                  <th scope="col" className="px-4 py-2 text-left font-semibold">
                    {t('aging.currency')}
                  </th>
                  {AGING_BUCKETS.map((b) => (
                    <th key={b} scope="col" className={th}>
                      {bucketLabel(b)}
                    </th>
                  ))}
                  <th scope="col" className={th}>
                    {t('aging.total')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.totals.map((line) => (
                  <tr key={line.currency}>
                    <th scope="row" className="px-4 py-2 text-left font-semibold text-slate-900">
                      {line.currency}
                    </th>
                    {AGING_BUCKETS.map((b) => (
                      <td key={b} className={td}>
                        {amountCell(
                          line.amounts[b],
                          line.currency,
                          { currency: line.currency, bucket: b },
                          t('aging.cell.link', {
                            amount: money(line.amounts[b], line.currency, locale),
                            customer: t('aging.allCustomers'),
                            bucket: bucketLabel(b),
                          }),
                        )}
                      </td>
                    ))}
                    <td className={`${td} font-semibold`}>
                      <Link to={drill({ currency: line.currency })} className={textLink}>
                        {money(line.totalMinor, line.currency, locale)}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <section aria-labelledby="by-customer" className="space-y-3">
            <div>
              <h2 id="by-customer" className="text-lg font-semibold text-slate-900">
                {t('aging.customers.title')}
              </h2>
              <p className="text-sm text-slate-700">
                {t(report.customerCount === 1 ? 'aging.customers.count.one' : 'aging.customers.count.other', {
                  count: report.customerCount,
                  currency: report.currency,
                })}
              </p>
            </div>
            <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
              <table className="w-full text-sm">
                <caption className="sr-only">
                  {t('aging.customers.caption', { currency: report.currency })}
                </caption>
                <thead className="bg-slate-50">
                  <tr className="text-xs uppercase tracking-wide text-slate-600">
                    <th scope="col" className="px-4 py-2 text-left font-semibold">
                      {t('aging.customer')}
                    </th>
                    {AGING_BUCKETS.map((b) => (
                      <th key={b} scope="col" className={th}>
                        {bucketLabel(b)}
                      </th>
                    ))}
                    <th scope="col" className={th}>
                      {t('aging.total')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.customers.map((line) => (
                    <tr key={line.customerId}>
                      <th scope="row" className="max-w-64 truncate px-4 py-2 text-left font-medium">
                        <Link
                          to={drill({ customer: line.customerId, currency: line.currency })}
                          className={textLink}
                        >
                          {line.customerName}
                        </Link>
                      </th>
                      {AGING_BUCKETS.map((b) => (
                        <td key={b} className={td}>
                          {amountCell(
                            line.amounts[b],
                            line.currency,
                            { customer: line.customerId, currency: line.currency, bucket: b },
                            t('aging.cell.link', {
                              amount: money(line.amounts[b], line.currency, locale),
                              customer: line.customerName,
                              bucket: bucketLabel(b),
                            }),
                          )}
                        </td>
                      ))}
                      <td className={`${td} font-semibold text-slate-900`}>
                        {money(line.totalMinor, line.currency, locale)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager page={report.page} pages={report.pages} search={location.search} t={t} />
          </section>

          <Form method="get" action="/admin/reports/aging.csv" reloadDocument className={card}>
            {langParam ? <input type="hidden" name="lang" value={langParam} /> : null}
            <fieldset>
              <legend className="text-lg font-semibold text-slate-900">{t('aging.export.title')}</legend>
              <p className="mt-2 text-sm font-medium text-slate-800">{t('aging.export.separator')}</p>
              <div className="mt-2 space-y-2 text-sm text-slate-800">
                {(['semicolon', 'comma'] as const).map((sep) => (
                  <label key={sep} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="sep"
                      value={sep}
                      defaultChecked={(locale === 'fr') === (sep === 'semicolon')}
                    />
                    {t(`aging.export.${sep}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className={`${secondaryButton} mt-4`}>
              {t('aging.export.submit')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
