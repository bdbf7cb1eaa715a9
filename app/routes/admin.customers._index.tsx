import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { Pager } from '~/components/admin/pager';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, primaryButton, secondaryButton } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { inputClass } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { adminCustomers } from '~/i18n/admin-customers';
import { businessBasics } from '~/modules/business/business-basics.server';
import { listCustomerAccounts, parseCustomerListFilter } from '~/modules/customers/customer-accounts.server';
import { listPolicies } from '~/modules/dunning/policies.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminCustomers], 'customers.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filter = parseCustomerListFilter(new URL(request.url).searchParams);
  const basics = await businessBasics(db(), user.businessId);
  const [list, policies] = await Promise.all([
    listCustomerAccounts(db(), user.businessId, filter, todayIn(basics.timeZone)),
    listPolicies(db(), user.businessId),
  ]);
  return { ...list, filter, defaultPolicy: policies.find((p) => p.isDefault)?.name ?? '' };
}

export const ErrorBoundary = AdminErrorBoundary;

const creditClass: Record<string, string> = {
  standard: 'bg-slate-100 text-slate-800 ring-slate-300',
  deposit_required: 'bg-amber-50 text-amber-950 ring-amber-300',
  prepay_only: 'bg-red-50 text-red-800 ring-red-300',
};

export default function Customers() {
  const { rows, total, pages, filter, defaultPolicy } = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminCustomers, adminCustomerForm);
  const lang = useLangLink();
  const location = useLocation();
  const langParam = new URLSearchParams(location.search).get('lang');
  const openText = (open: number, overdue: number) =>
    open === 0
      ? t('customers.open.zero')
      : overdue
        ? t('customers.open', { count: open, overdue })
        : t('customers.open.noneLate', { count: open });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className={pageTitle}>{t('customers.title')}</h1>
          <p className="mt-1 text-sm text-slate-700" aria-live="polite">
            {t(total === 1 ? 'customers.count.one' : 'customers.count.other', { count: total })}
          </p>
        </div>
        <Link to={lang('/admin/customers/new')} className={primaryButton}>
          {t('new.button')}
        </Link>
      </div>

      <Form method="get" role="search" className={`${card} flex flex-wrap items-end gap-3`}>
        {langParam ? <input type="hidden" name="lang" value={langParam} /> : null}
        <div className="min-w-0 flex-1 basis-60 sm:max-w-md">
          <label htmlFor="q" className="block text-sm font-medium text-slate-800">
            {t('customers.search')}
          </label>
          <input id="q" name="q" type="search" defaultValue={filter.q} className={`mt-1 ${inputClass}`} />
        </div>
        <button type="submit" className={secondaryButton}>
          {t('list.filter.submit')}
        </button>
        {filter.q ? (
          <Link
            to={lang('/admin/customers')}
            className="px-1 py-2 text-sm font-medium text-slate-700 underline underline-offset-2"
          >
            {t('list.filter.reset')}
          </Link>
        ) : null}
      </Form>

      {rows.length ? (
        <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">{t('customers.caption')}</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('customers.col.name')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('customers.col.open')}
                </th>
                <th scope="col" className="px-3 py-3 text-right font-semibold">
                  {t('customers.col.balance')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('customers.col.policy')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('customers.col.credit')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link
                      to={lang(`/admin/customers/${row.id}`)}
                      className="font-semibold text-brand-700 underline underline-offset-2"
                    >
                      {row.name}
                    </Link>
                  </td>
                  <td
                    className={`px-3 py-3 ${row.overdueInvoices ? 'font-medium text-red-800' : 'text-slate-700'}`}
                  >
                    {openText(row.openInvoices, row.overdueInvoices)}
                  </td>
                  <td className="whitespace-nowrap px-3 py-3 text-right font-medium tabular-nums text-slate-900">
                    {row.balances.length
                      ? row.balances.map((b) => (
                          <span key={b.currency} className="block">
                            {money(b.balanceMinor, b.currency, locale)}
                          </span>
                        ))
                      : '—'}
                  </td>
                  <td className="px-3 py-3 text-slate-800">
                    {row.dunningPolicyName ?? (
                      <span className="text-slate-600">
                        {t('customers.policy.default')}
                        {defaultPolicy ? ` (${defaultPolicy})` : ''}
                      </span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <span
                      className={`inline-flex whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${creditClass[row.creditPolicy]}`}
                    >
                      {t(`credit.${row.creditPolicy}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className={`${card} text-sm text-slate-700`}>{t('customers.empty')}</p>
      )}
      <Pager page={filter.page} pages={pages} search={location.search} t={t} />
    </div>
  );
}
