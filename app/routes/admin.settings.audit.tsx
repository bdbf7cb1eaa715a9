import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useLangLink } from '~/components/admin/use-admin';
import { adminSettings } from '~/i18n/admin-settings';
import { businessBasics } from '~/modules/business/business-basics.server';
import { listAuditLog } from '~/modules/settings/audit-log.server';
import { db } from '~/utils/db.server';
import { formatDateTime, type T } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminSettings], 'audit.title');

/** Owners only: the log shows who changed what, and from which address. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'owner' });
  const raw = new URL(request.url).searchParams.get('before');
  const before = raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw) : null;
  const { timeZone } = await businessBasics(db(), user.businessId);
  return { ...(await listAuditLog(db(), user.businessId, before)), timeZone, paged: Boolean(before) };
}

export const ErrorBoundary = AdminErrorBoundary;

function show(value: unknown, t: T): string {
  if (value === null || value === undefined || value === '') return t('audit.empty.value');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** "field: before → after" lines from an event's data, or its other keys when it has no before/after. */
function details(data: Record<string, unknown>, t: T): string[] {
  const before = (data.before ?? null) as Record<string, unknown> | null;
  const after = (data.after ?? null) as Record<string, unknown> | null;
  if (before || after) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return keys.map(
      (k) => `${k}: ${t('audit.arrow', { before: show(before?.[k], t), after: show(after?.[k], t) })}`,
    );
  }
  return Object.entries(data)
    .filter(([k]) => !/Id$/.test(k))
    .map(([k, v]) => `${k}: ${show(v, t)}`);
}

export default function AuditLog() {
  const { rows, next, timeZone, paged } = useLoaderData<typeof loader>();
  const { locale, t } = useSectionT(adminSettings);
  const lang = useLangLink();
  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/settings')} className={textLink}>
          ← {t('settings.hub.title')}
        </Link>
      </p>
      <h1 className={pageTitle}>{t('audit.title')}</h1>
      <p className="text-sm text-slate-700">{t('audit.intro')}</p>
      <section aria-label={t('audit.title')} className={card}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-700">{t('audit.empty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t('audit.col.when')}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t('audit.col.who')}
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    {t('audit.col.what')}
                  </th>
                  <th scope="col" className="py-2 font-semibold">
                    {t('audit.col.details')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {rows.map((r) => (
                  <tr key={r.id} className="align-top">
                    <td className="whitespace-nowrap py-2 pr-4 text-slate-800">
                      <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale, timeZone)}</time>
                    </td>
                    <td className="py-2 pr-4 text-slate-800">
                      {r.actorName ?? t('audit.system')}
                      {r.ip ? <span className="block text-xs text-slate-600">{r.ip}</span> : null}
                    </td>
                    <td className="py-2 pr-4 font-medium text-slate-900">{t(`audit.type.${r.type}`)}</td>
                    <td className="py-2 text-slate-800">
                      <ul className="space-y-0.5">
                        {details(r.data, t).map((line) => (
                          <li key={line} className="break-all">
                            {line}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-4 flex gap-4 text-sm">
          {paged ? (
            <Link to={lang('/admin/settings/audit')} className={textLink}>
              {t('audit.newest')}
            </Link>
          ) : null}
          {next ? (
            <Link to={lang(`/admin/settings/audit?before=${encodeURIComponent(next)}`)} className={textLink}>
              {t('audit.older')}
            </Link>
          ) : null}
        </p>
      </section>
    </div>
  );
}
