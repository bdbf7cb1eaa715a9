import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminCollections } from '~/i18n/admin-collections';
import { listCollectionCases } from '~/modules/collections/list-cases.server';
import { db } from '~/utils/db.server';
import { formatDate } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) =>
  sectionTitle(matches, [adminCollections], 'collections.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { cases: await listCollectionCases(db(), user.businessId) };
}

export const ErrorBoundary = AdminErrorBoundary;

export default function Collections() {
  const { cases } = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminCollections);
  const lang = useLangLink();
  const count = cases.length;
  return (
    <div className="space-y-5">
      <div>
        <h1 className={pageTitle}>{t('collections.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">
          {t(
            count === 0
              ? 'collections.count.zero'
              : count === 1
                ? 'collections.count.one'
                : 'collections.count.other',
            { count },
          )}
        </p>
      </div>
      {count ? (
        <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">{t('collections.caption')}</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('collections.col.invoice')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('collections.col.customer')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('collections.col.agency')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('collections.col.handedOn')}
                </th>
                <th scope="col" className="px-3 py-3 text-right font-semibold">
                  {t('collections.col.amount')}
                </th>
                <th scope="col" className="px-3 py-3 text-right font-semibold">
                  {t('collections.col.balance')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('collections.col.file')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {cases.map((c) => (
                <tr key={c.id} className="hover:bg-slate-50">
                  <td className="whitespace-nowrap px-4 py-3">
                    <Link to={lang(`/admin/invoices/${c.invoiceId}`)} className={textLink}>
                      {c.number}
                    </Link>
                  </td>
                  <td className="px-3 py-3">
                    <Link to={lang(`/admin/customers/${c.customerId}`)} className={textLink}>
                      {c.customerName}
                    </Link>
                  </td>
                  <td className="px-3 py-3 text-slate-900">{c.agencyName}</td>
                  <td className="whitespace-nowrap px-3 py-3 text-slate-800">
                    {formatDate(c.handedOn, locale)}
                  </td>
                  <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums text-slate-900">
                    {money(c.amountMinor, c.currency, locale)}
                  </td>
                  <td className="whitespace-nowrap px-3 py-3 text-right font-medium tabular-nums text-slate-900">
                    {money(c.balanceMinor, c.currency, locale)}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3">
                    <a
                      href={lang(`/admin/invoices/${c.invoiceId}/case-file.pdf`)}
                      aria-label={t('collections.fileLabel', { number: c.number ?? '' })}
                      className={textLink}
                    >
                      {t('collections.file')}
                    </a>
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
