import { Link, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { SimulatedBanner } from '~/components/simulated-banner';
import { useAdminT } from './use-admin';

/** The frame of the signed-out pages (login, invitation, password reset): language switch, brand, one card. */
export function AccountShell({ title, children }: { title: string; children: ReactNode }) {
  const { locale, t } = useAdminT();
  const location = useLocation();
  const other = locale === 'fr' ? 'en' : 'fr';
  const switchParams = new URLSearchParams(location.search);
  switchParams.set('lang', other);
  return (
    <>
      <SimulatedBanner locale={locale} />
      <div className="mx-auto flex max-w-md justify-end px-4 pt-4">
        <Link
          to={`?${switchParams.toString()}`}
          hrefLang={other}
          lang={other}
          aria-label={t('admin.lang.switchLabel')}
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          {t('admin.lang.switch')}
        </Link>
      </div>
      <main id="main" className="mx-auto max-w-md px-4 pb-16 pt-6">
        <div className="mb-6 flex items-center gap-3">
          <span
            aria-hidden
            className="flex h-10 w-10 items-center justify-center rounded-lg bg-brand-700 text-lg font-semibold text-white"
          >
            A
          </span>
          <span className="text-lg font-semibold text-slate-900">Acquit</span>
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {children}
        </div>
      </main>
    </>
  );
}
