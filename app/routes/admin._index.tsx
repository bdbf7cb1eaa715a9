import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { ColumnChart } from '~/components/admin/reports/charts';
import { formatMonth } from '~/components/admin/reports/format';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminReports } from '~/i18n/admin-reports';
import { dashboardFigures } from '~/modules/reports/dashboard.server';
import { db } from '~/utils/db.server';
import { formatDate, formatNumber } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminReports], 'dashboard.title');

/** Monday morning in ten seconds: what is owed, how late, what came in, what to do today. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return dashboardFigures(db(), { businessId: user.businessId });
}

export const ErrorBoundary = AdminErrorBoundary;

function Stat({ to, label, value, hint }: { to: string; label: string; value: string; hint: string }) {
  return (
    <li>
      <Link
        to={to}
        className="block h-full rounded-2xl border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600 hover:bg-brand-50"
      >
        <span className="block text-sm font-medium text-slate-700">{label}</span>
        <span className="mt-1 block text-2xl font-semibold tabular-nums text-slate-900">{value}</span>
        <span className="mt-1 block text-sm text-slate-700">{hint}</span>
      </Link>
    </li>
  );
}

function Grid({ children }: { children: ReactNode }) {
  return <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</ul>;
}

export default function Dashboard() {
  const dash = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminReports);
  const lang = useLangLink();
  const plural = (key: string, count: number, zero = false) =>
    t(`${key}.${zero && count === 0 ? 'zero' : count === 1 ? 'one' : 'other'}`, { count });

  return (
    <div className="space-y-6">
      <div>
        <h1 className={pageTitle}>{t('dashboard.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {t('dashboard.asOf', { date: formatDate(dash.today, locale) })}
        </p>
      </div>

      <Grid>
        <Stat
          to={lang('/admin/tasks')}
          label={t('dashboard.tasks')}
          value={String(dash.tasksDue)}
          hint={t('dashboard.tasks.hint')}
        />
        <Stat
          to={lang('/admin/disputes?filter=open')}
          label={t('dashboard.disputes')}
          value={String(dash.openDisputes)}
          hint={t('dashboard.disputes.hint')}
        />
      </Grid>

      {dash.currencies.length === 0 ? (
        <p className={`${card} text-sm text-slate-700`}>{t('dashboard.empty')}</p>
      ) : null}

      {dash.currencies.map((c) => {
        const trend = dash.trend.filter((p) => p.currency === c.currency);
        const max = Math.max(0, ...trend.map((p) => p.netMinor));
        const q = `currency=${c.currency}`;
        return (
          <section key={c.currency} aria-labelledby={`cur-${c.currency}`} className="space-y-3">
            <h2 id={`cur-${c.currency}`} className="text-lg font-semibold text-slate-900">
              {t('dashboard.currency', { currency: c.currency })}
            </h2>
            <Grid>
              <Stat
                to={lang(`/admin/reports/aging/invoices?${q}`)}
                label={t('dashboard.outstanding')}
                value={money(c.outstandingMinor, c.currency, locale)}
                hint={plural('dashboard.outstanding.count', c.outstandingCount)}
              />
              <Stat
                to={lang(`/admin/reports/aging/invoices?${q}&bucket=overdue`)}
                label={t('dashboard.overdue')}
                value={money(c.overdueMinor, c.currency, locale)}
                hint={plural('dashboard.overdue.count', c.overdueCount)}
              />
              <Stat
                to={lang(`/admin/reports/collections?${q}&month=${dash.today.slice(0, 7)}`)}
                label={t('dashboard.collected')}
                value={money(c.collectedThisMonthMinor, c.currency, locale)}
                hint={t('dashboard.collected.hint')}
              />
              <Stat
                to={lang(`/admin/reports/aging?${q}`)}
                label={t('dashboard.dso')}
                value={
                  c.dsoDays === null
                    ? '—'
                    : t('dashboard.dso.value', { days: formatNumber(c.dsoDays, locale, 1) })
                }
                hint={c.dsoDays === null ? t('dashboard.dso.none') : t('dashboard.dso.hint')}
              />
              <Stat
                to={lang('/admin/plans#promises-title')}
                label={t('dashboard.promises')}
                value={money(c.promisesDueMinor, c.currency, locale)}
                hint={plural('dashboard.promises.count', c.promisesDueCount, true)}
              />
            </Grid>
            <div className={`${card} grid gap-4 md:grid-cols-2`}>
              <ColumnChart
                title={t('dashboard.trend.title', { currency: c.currency })}
                description={t('dashboard.trend.desc', {
                  from: formatMonth(trend[0]!.month, locale),
                  to: formatMonth(trend[trend.length - 1]!.month, locale),
                  max: money(max, c.currency, locale),
                })}
                bars={trend.map((p) => ({
                  label: formatMonth(p.month, locale, 'short'),
                  value: p.netMinor,
                  text: money(p.netMinor, c.currency, locale),
                }))}
              />
              <table className="w-full text-sm">
                <caption className="mb-2 text-left font-semibold text-slate-900">
                  {t('dashboard.trend.title', { currency: c.currency })}
                </caption>
                <thead>
                  <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      {t('dashboard.trend.month')}
                    </th>
                    <th scope="col" className="py-1 text-right font-semibold">
                      {t('dashboard.trend.amount')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {trend.map((p) => (
                    <tr key={p.month}>
                      <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-900">
                        <Link
                          className={textLink}
                          to={lang(`/admin/reports/collections?${q}&month=${p.month}`)}
                        >
                          {formatMonth(p.month, locale)}
                        </Link>
                      </th>
                      <td className="py-1 text-right tabular-nums text-slate-900">
                        {money(p.netMinor, c.currency, locale)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      {dash.currencies.length ? (
        <p>
          <Link to={lang('/admin/reports/aging')} className={textLink}>
            {t('dashboard.aging')}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
