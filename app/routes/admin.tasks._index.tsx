import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useLocation } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { TaskKindBadge } from '~/components/admin/task-kind-badge';
import { card, pageTitle } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { money } from '~/components/invoice/format';
import { adminTasks } from '~/i18n/admin-tasks';
import { businessBasics } from '~/modules/business/business-basics.server';
import { listOpenTasks, parseTaskKind, parseTaskView } from '~/modules/tasks/list-tasks.server';
import { TASK_KINDS, TASK_VIEWS } from '~/modules/tasks/task-kinds';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { formatDate } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminTasks], 'tasks.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const kind = parseTaskKind(params);
  const view = parseTaskView(params);
  const today = todayIn((await businessBasics(db(), user.businessId)).timeZone);
  const list = await listOpenTasks(db(), user.businessId, kind, { view, userId: user.id, today });
  return { ...list, kind, view, today };
}

export const ErrorBoundary = AdminErrorBoundary;

export default function Tasks() {
  const { rows, counts, views, kind, view, today } = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminTasks);
  const lang = useLangLink();
  const location = useLocation();
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  const kindLink = (k: string | null) => {
    const params = new URLSearchParams(location.search);
    if (k) params.set('kind', k);
    else params.delete('kind');
    return `?${params.toString()}`;
  };
  const viewLink = (v: string) => {
    const params = new URLSearchParams(location.search);
    if (v === 'all') params.delete('view');
    else params.set('view', v);
    params.delete('kind');
    return `?${params.toString()}`;
  };
  const pill = (active: boolean) =>
    `inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
      active
        ? 'bg-brand-700 text-white ring-brand-700'
        : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
    }`;
  const due = (d: string) =>
    d < today ? (
      <span className="font-semibold text-red-800">
        {formatDate(d, locale, 'short')} · {t('tasks.due.late')}
      </span>
    ) : d === today ? (
      <span className="font-semibold text-slate-900">{t('tasks.due.today')}</span>
    ) : (
      <span className="text-slate-700">{formatDate(d, locale, 'short')}</span>
    );

  return (
    <div className="space-y-5">
      <div>
        <h1 className={pageTitle}>{t('tasks.title')}</h1>
        <p className="mt-1 text-sm text-slate-700" aria-live="polite">
          {t(
            views.all === 0 ? 'tasks.count.zero' : views.all === 1 ? 'tasks.count.one' : 'tasks.count.other',
            {
              count: views.all,
            },
          )}
        </p>
      </div>

      <nav aria-label={t('tasks.view')} className={card}>
        <ul className="flex flex-wrap gap-2">
          {TASK_VIEWS.map((v) => (
            <li key={v}>
              <Link
                to={viewLink(v)}
                aria-current={view === v ? 'page' : undefined}
                className={pill(view === v)}
              >
                {t(`view.${v}`)}
                <span className={`tabular-nums ${view === v ? 'text-white' : 'text-slate-600'}`}>
                  {views[v]}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <nav aria-label={t('tasks.filter')} className={card}>
        <ul className="flex flex-wrap gap-2">
          {[null, ...TASK_KINDS.filter((k) => counts[k] || k === kind)].map((k) => {
            const active = kind === k;
            const n = k ? (counts[k] ?? 0) : total;
            return (
              <li key={k ?? 'all'}>
                <Link
                  to={kindLink(k)}
                  aria-current={active ? 'page' : undefined}
                  className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${
                    active
                      ? 'bg-brand-700 text-white ring-brand-700'
                      : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
                  }`}
                >
                  {t(k ? `kind.${k}` : 'kind.all')}
                  <span className={`tabular-nums ${active ? 'text-white' : 'text-slate-600'}`}>{n}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {rows.length ? (
        <div className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
          <ul className="divide-y divide-slate-200 md:hidden">
            {rows.map((row) => (
              <li key={row.id} className="space-y-1 px-4 py-3 text-sm">
                <div className="flex items-center justify-between gap-3">
                  <TaskKindBadge kind={row.kind} t={t} />
                  {due(row.dueOn)}
                </div>
                <Link
                  to={lang(`/admin/tasks/${row.id}`)}
                  className="block font-semibold text-brand-700 underline underline-offset-2"
                >
                  {row.title}
                </Link>
                <p className="text-slate-700">
                  {[row.customerName, row.invoiceNumber, row.assigneeName].filter(Boolean).join(' · ')}
                  {row.balanceMinor !== null && row.currency
                    ? ` · ${money(row.balanceMinor, row.currency, locale)}`
                    : ''}
                </p>
              </li>
            ))}
          </ul>
          <table className="hidden w-full text-sm md:table">
            <caption className="sr-only">{t('tasks.caption')}</caption>
            <thead className="bg-slate-50">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('tasks.col.due')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('tasks.col.task')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('tasks.col.customer')}
                </th>
                <th scope="col" className="px-3 py-3 font-semibold">
                  {t('tasks.col.invoice')}
                </th>
                <th scope="col" className="px-3 py-3 text-right font-semibold">
                  {t('tasks.col.balance')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('tasks.col.assignee')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className="align-top hover:bg-slate-50">
                  <td className="whitespace-nowrap px-4 py-3 tabular-nums">{due(row.dueOn)}</td>
                  <td className="px-3 py-3">
                    <div className="flex flex-col items-start gap-1">
                      <TaskKindBadge kind={row.kind} t={t} />
                      <Link
                        to={lang(`/admin/tasks/${row.id}`)}
                        className="font-semibold text-brand-700 underline underline-offset-2"
                      >
                        {row.title}
                      </Link>
                    </div>
                  </td>
                  <td className="max-w-56 truncate px-3 py-3 text-slate-900">{row.customerName ?? '—'}</td>
                  <td className="whitespace-nowrap px-3 py-3">
                    {row.invoiceId ? (
                      <Link
                        to={lang(`/admin/invoices/${row.invoiceId}`)}
                        className="text-brand-700 underline underline-offset-2"
                      >
                        {row.invoiceNumber}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-3 text-right font-medium tabular-nums text-slate-900">
                    {row.balanceMinor !== null && row.currency
                      ? money(row.balanceMinor, row.currency, locale)
                      : '—'}
                  </td>
                  <td className="px-4 py-3 text-slate-800">{row.assigneeName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className={`${card} text-sm text-slate-700`}>{t('tasks.empty')}</p>
      )}
    </div>
  );
}
