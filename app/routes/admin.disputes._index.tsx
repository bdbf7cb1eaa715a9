import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { DisputeStatusBadge } from '~/components/admin/dispute-status-badge';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminDisputes } from '~/i18n/admin-disputes';
import { businessBasics } from '~/modules/business/business-basics.server';
import { listDisputes, parseDisputeFilter } from '~/modules/disputes/list-disputes.server';
import { DISPUTE_FILTERS } from '~/modules/disputes/reasons';
import { db } from '~/utils/db.server';
import { formatDateTime } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminDisputes], 'disputes.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filter = parseDisputeFilter(new URL(request.url).searchParams);
  const [list, basics] = await Promise.all([
    listDisputes(db(), user.businessId, filter),
    businessBasics(db(), user.businessId),
  ]);
  return { ...list, filter, timeZone: basics.timeZone };
}

export const ErrorBoundary = AdminErrorBoundary;

export default function Disputes() {
  const { rows, counts, filter, timeZone } = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminDisputes);
  const lang = useLangLink();
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);

  return (
    <div className="space-y-5">
      <div>
        <h1 className={pageTitle}>{t('disputes.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">{t('disputes.intro')}</p>
      </div>
      <nav aria-label={t('disputes.filter.label')} className={card}>
        <ul className="flex flex-wrap gap-2">
          {DISPUTE_FILTERS.map((f) => {
            const active = f === filter;
            return (
              <li key={f}>
                <Link
                  to={lang(`/admin/disputes?filter=${f}`)}
                  aria-current={active ? 'page' : undefined}
                  className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
                    active
                      ? 'bg-brand-700 text-white ring-brand-700'
                      : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
                  }`}
                >
                  {t(`disputes.filter.${f}`)}
                  <span className={`tabular-nums ${active ? 'text-white' : 'text-slate-600'}`}>
                    {counts[f]}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {rows.length ? (
        <ul className="space-y-3">
          {rows.map((row) => (
            <li key={row.id} className={`${card} grid gap-4 md:grid-cols-[1fr_16rem]`}>
              <div className="min-w-0 space-y-1.5">
                <div className="flex flex-wrap items-center gap-2">
                  <DisputeStatusBadge status={row.status} t={t} />
                  <span className="text-sm text-slate-700">
                    {t('disputes.col.opened')} {when(row.openedAt)}
                  </span>
                </div>
                <p className="text-base font-semibold text-slate-900">
                  <Link to={lang(`/admin/disputes/${row.id}`)} className={textLink}>
                    {row.customerName} · {row.invoiceNumber}
                  </Link>
                </p>
                <p className="text-sm text-slate-800">
                  {t(`disputes.reason.${row.reason}`)} ·{' '}
                  <span className="font-semibold tabular-nums">
                    {money(row.amountMinor, row.currency, locale)}
                  </span>
                  {row.creditNoteNumber ? ` · ${row.creditNoteNumber}` : ''}
                </p>
              </div>
              <div className="rounded-xl bg-slate-50 px-3 py-2 text-sm">
                <p className="font-semibold text-slate-900">{t('disputes.col.letter')}</p>
                {row.acceptance ? (
                  <p className="mt-0.5 text-slate-800">
                    {t('disputes.letter.signed', { date: when(row.acceptance.signedAt) })} ·{' '}
                    {row.acceptance.signerName}{' '}
                    <a
                      href={`/admin/invoices/${row.invoiceId}/letter.pdf?lang=${locale}`}
                      className={textLink}
                    >
                      PDF
                    </a>
                  </p>
                ) : (
                  <p className="mt-0.5 text-slate-700">{t('disputes.letter.none')}</p>
                )}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className={`${card} text-sm text-slate-700`}>{t('disputes.empty')}</p>
      )}
    </div>
  );
}
