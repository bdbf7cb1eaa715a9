import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { adminTitle } from '~/components/admin/meta';
import { Pager } from '~/components/admin/pager';
import { card, pageTitle } from '~/components/admin/ui';
import { useAdminT, useLangLink } from '~/components/admin/use-admin';
import { businessBasics } from '~/modules/business/business-basics.server';
import { listOutbox } from '~/modules/email/list-outbox.server';
import { db } from '~/utils/db.server';
import { formatDateTime } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => adminTitle(matches, 'outbox.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const requested = Number(new URL(request.url).searchParams.get('page'));
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
  const [list, basics] = await Promise.all([
    listOutbox(db(), user.businessId, page),
    businessBasics(db(), user.businessId),
  ]);
  return { ...list, page, timeZone: basics.timeZone };
}

export default function OutboxList() {
  const { rows, total, pages, page, timeZone } = useLoaderData<typeof loader>();
  const { locale, t } = useAdminT();
  const lang = useLangLink();
  const location = useLocation();
  const when = (at: string) => formatDateTime(at, locale, timeZone);
  const template = (name: string) => {
    const text = t(`template.${name}`);
    return text === `template.${name}` ? name : text;
  };

  return (
    <div className="space-y-5">
      <div>
        <h1 className={pageTitle}>{t('outbox.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">{t('outbox.intro')}</p>
        <p className="mt-1 text-sm text-slate-700">
          {t(total === 1 ? 'outbox.count.one' : 'outbox.count.other', { count: total })}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className={`${card} text-sm text-slate-700`}>{t('outbox.empty')}</p>
      ) : (
        <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-200 md:hidden">
            {rows.map((row) => (
              <li key={row.id} className="px-4 py-3 text-sm">
                <Link
                  to={lang(`/admin/outbox/${row.id}`)}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                >
                  {row.subject}
                </Link>
                <p className="mt-0.5 break-words text-slate-800">{row.to.join(', ')}</p>
                <p className="mt-0.5 text-xs text-slate-600">
                  <time dateTime={row.createdAt}>{when(row.createdAt)}</time> · {template(row.template)} ·{' '}
                  {t(`email.${row.status}`)}
                </p>
              </li>
            ))}
          </ul>
          <table className="hidden w-full text-sm md:table">
            <caption className="sr-only">{t('outbox.caption')}</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('outbox.col.date')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('outbox.col.template')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('outbox.col.to')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('outbox.col.subject')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('outbox.col.status')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className="align-top hover:bg-slate-50">
                  <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">
                    <time dateTime={row.createdAt}>{when(row.createdAt)}</time>
                  </td>
                  <td className="whitespace-nowrap px-3 py-3 text-slate-700">{template(row.template)}</td>
                  <td className="px-3 py-3 text-slate-900">
                    <span className="break-words">{row.to.join(', ')}</span>
                    {row.cc.length ? (
                      <span className="block break-words text-xs text-slate-600">
                        {t('outbox.cc', { cc: row.cc.join(', ') })}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-3">
                    <Link
                      to={lang(`/admin/outbox/${row.id}`)}
                      className="font-medium text-brand-700 underline underline-offset-2"
                    >
                      {row.subject}
                    </Link>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{t(`email.${row.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} search={location.search} t={t} />
    </div>
  );
}
