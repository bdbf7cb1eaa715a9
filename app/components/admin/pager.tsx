import { Link } from '@remix-run/react';
import type { T } from '~/utils/i18n';

const linkClass =
  'rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50';

/** Previous / next links that keep the current query string (filters, language). */
export function Pager({ page, pages, search, t }: { page: number; pages: number; search: string; t: T }) {
  if (pages <= 1) return null;
  const to = (p: number) => {
    const params = new URLSearchParams(search);
    if (p === 1) params.delete('page');
    else params.set('page', String(p));
    const qs = params.toString();
    return qs ? `?${qs}` : '?';
  };
  return (
    <nav aria-label={t('pager.label')} className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-700">{t('pager.page', { page, pages })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link to={to(page - 1)} rel="prev" className={linkClass}>
            {t('pager.prev')}
          </Link>
        ) : null}
        {page < pages ? (
          <Link to={to(page + 1)} rel="next" className={linkClass}>
            {t('pager.next')}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
