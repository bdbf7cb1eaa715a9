import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import { SimulatedBanner } from '~/components/simulated-banner';
import type { Locale, T } from '~/utils/i18n';

/** The frame of the debtor's secondary pages (acceptance letter, dispute): who writes, the language switch, a way back. */
export function DebtorShell({
  business,
  locale,
  t,
  back,
  children,
}: {
  business: { name: string; logoUrl: string | null };
  locale: Locale;
  t: T;
  back: { href: string; label: string } | null;
  children: ReactNode;
}) {
  return (
    <>
      <SimulatedBanner locale={locale} />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-3">
            <BusinessMark name={business.name} logoUrl={business.logoUrl} />
            <p className="truncate font-semibold text-slate-900">{business.name}</p>
          </div>
          <LanguageSwitch locale={locale} t={t} />
        </div>
      </header>
      <main className="mx-auto max-w-3xl space-y-5 px-4 py-6 sm:px-6 sm:py-10">
        {back ? (
          <p>
            <a href={back.href} className="text-sm font-medium text-brand-700 underline underline-offset-2">
              ← {back.label}
            </a>
          </p>
        ) : null}
        {children}
      </main>
    </>
  );
}

/** The business's logo, or its initial in a brand square: the first thing a debtor recognises. */
export function BusinessMark({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  return logoUrl ? (
    <img src={logoUrl} alt="" className="h-10 w-10 rounded-lg object-contain" />
  ) : (
    <span
      aria-hidden
      className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-brand-700 text-lg font-semibold text-white"
    >
      {name.slice(0, 1)}
    </span>
  );
}

/** Reloads the page in the other language (the dictionary is per document). */
export function LanguageSwitch({ locale, t }: { locale: Locale; t: T }) {
  const other = locale === 'fr' ? 'en' : 'fr';
  return (
    <Link
      to={`?lang=${other}`}
      reloadDocument
      hrefLang={other}
      lang={other}
      aria-label={t('lang.switchLabel')}
      className="shrink-0 rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
    >
      {t('lang.switch')}
    </Link>
  );
}

export const debtorCard = 'rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6';
export const debtorButton =
  'inline-flex items-center justify-center rounded-lg bg-brand-700 px-5 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-800 disabled:opacity-60';
