import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { CsrfInput } from '~/components/forms/field';
import { useAdmin, useAdminT, useLangLink } from './use-admin';

const navClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-lg px-3 py-2 text-sm font-semibold ${
    isActive ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900'
  }`;

export function AdminHeader() {
  const { user, businessName, csrf } = useAdmin();
  const { locale, t } = useAdminT();
  const lang = useLangLink();
  const location = useLocation();
  const other = locale === 'fr' ? 'en' : 'fr';
  const switchParams = new URLSearchParams(location.search);
  switchParams.set('lang', other);

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link to={lang('/admin/invoices')} className="flex min-w-0 items-center gap-3 rounded-lg">
          <span
            aria-hidden
            className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-brand-700 text-base font-semibold text-white"
          >
            {businessName.slice(0, 1)}
          </span>
          <span className="truncate font-semibold text-slate-900">{businessName}</span>
        </Link>
        <nav
          aria-label={t('admin.nav.label')}
          className="order-last -mx-1 flex w-full gap-1 overflow-x-auto 2xl:order-none 2xl:w-auto"
        >
          <NavLink to={lang('/admin')} end className={navClass}>
            {t('admin.nav.dashboard')}
          </NavLink>
          <NavLink to={lang('/admin/invoices')} className={navClass}>
            {t('admin.nav.invoices')}
          </NavLink>
          <NavLink to={lang('/admin/reports/aging')} className={navClass}>
            {t('admin.nav.aging')}
          </NavLink>
          <NavLink to={lang('/admin/tasks')} className={navClass}>
            {t('admin.nav.tasks')}
          </NavLink>
          <NavLink to={lang('/admin/disputes')} className={navClass}>
            {t('admin.nav.disputes')}
          </NavLink>
          <NavLink to={lang('/admin/plans')} className={navClass}>
            {t('plans.nav')}
          </NavLink>
          <NavLink to={lang('/admin/customers')} className={navClass}>
            {t('admin.nav.customers')}
          </NavLink>
          <NavLink to={lang('/admin/collections')} className={navClass}>
            {t('admin.nav.collections')}
          </NavLink>
          <NavLink to={lang('/admin/dunning')} className={navClass}>
            {t('admin.nav.dunning')}
          </NavLink>
          <NavLink to={lang('/admin/acceptance-letters')} className={navClass}>
            {t('admin.nav.letters')}
          </NavLink>
          <NavLink to={lang('/admin/outbox')} className={navClass}>
            {t('admin.nav.outbox')}
          </NavLink>
          <NavLink to={lang('/admin/settings')} className={navClass}>
            {t('admin.nav.settings')}
          </NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <Link
            to={`?${switchParams.toString()}`}
            hrefLang={other}
            lang={other}
            aria-label={t('admin.lang.switchLabel')}
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {t('admin.lang.switch')}
          </Link>
          <span className="hidden text-sm text-slate-700 md:inline" title={user.email}>
            {t('admin.signedInAs', { name: user.name })}
          </span>
          <Form method="post" action={lang('/admin/logout')} reloadDocument>
            <CsrfInput value={csrf} />
            <button
              type="submit"
              className="rounded-lg px-3 py-1.5 text-sm font-semibold text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            >
              {t('admin.logout')}
            </button>
          </Form>
        </div>
      </div>
    </header>
  );
}
