import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { InvoiceTable } from '~/components/admin/invoice-table';
import { adminTitle } from '~/components/admin/meta';
import { Pager } from '~/components/admin/pager';
import { card, pageTitle, primaryButton, secondaryButton } from '~/components/admin/ui';
import { useAdminT, useLangLink } from '~/components/admin/use-admin';
import { inputClass } from '~/components/forms/field';
import { businessBasics } from '~/modules/business/business-basics.server';
import { INVOICE_STATUSES } from '~/modules/invoices/form-options';
import { listInvoices, parseInvoiceListFilter } from '~/modules/invoices/list-invoices.server';
import { db } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => adminTitle(matches, 'list.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filter = parseInvoiceListFilter(new URL(request.url).searchParams);
  const [list, basics] = await Promise.all([
    listInvoices(db(), user.businessId, filter),
    businessBasics(db(), user.businessId),
  ]);
  return { ...list, filter, today: todayIn(basics.timeZone) };
}

export default function InvoiceList() {
  const { rows, total, pages, filter, today } = useLoaderData<typeof loader>();
  const { locale, t } = useAdminT();
  const lang = useLangLink();
  const location = useLocation();
  const statusLink = (status: string | null) => {
    const params = new URLSearchParams(location.search);
    params.delete('page');
    if (status) params.set('status', status);
    else params.delete('status');
    return `?${params.toString()}`;
  };
  const langParam = new URLSearchParams(location.search).get('lang');

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className={pageTitle}>{t('list.title')}</h1>
          <p className="mt-1 text-sm text-slate-700" aria-live="polite">
            {t(total === 1 ? 'list.count.one' : 'list.count.other', { count: total })}
          </p>
        </div>
        <Link to={lang('/admin/invoices/new')} className={primaryButton}>
          {t('list.new')}
        </Link>
      </div>

      <div className={`${card} space-y-4`}>
        <nav aria-label={t('list.filter.status')}>
          <ul className="flex flex-wrap gap-2">
            {[null, ...INVOICE_STATUSES].map((status) => {
              const active = filter.status === status;
              return (
                <li key={status ?? 'all'}>
                  <Link
                    to={statusLink(status)}
                    aria-current={active ? 'page' : undefined}
                    className={`inline-block rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
                      active
                        ? 'bg-brand-700 text-white ring-brand-700'
                        : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
                    }`}
                  >
                    {t(status ? `status.${status}` : 'status.all')}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
          {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
          {langParam ? <input type="hidden" name="lang" value={langParam} /> : null}
          <div className="min-w-0 flex-1 basis-60 sm:max-w-md">
            <label htmlFor="q" className="block text-sm font-medium text-slate-800">
              {t('list.filter.search')}
            </label>
            <input id="q" name="q" type="search" defaultValue={filter.q} className={`mt-1 ${inputClass}`} />
          </div>
          <button type="submit" className={secondaryButton}>
            {t('list.filter.submit')}
          </button>
          {filter.q || filter.status ? (
            <Link
              to={lang('/admin/invoices')}
              className="px-1 py-2 text-sm font-medium text-slate-700 underline underline-offset-2"
            >
              {t('list.filter.reset')}
            </Link>
          ) : null}
        </Form>
      </div>

      {rows.length ? (
        <InvoiceTable rows={rows} today={today} locale={locale} t={t} />
      ) : (
        <p className={`${card} text-sm text-slate-700`}>{t('list.empty')}</p>
      )}
      <Pager page={filter.page} pages={pages} search={location.search} t={t} />
    </div>
  );
}
