import { translator, type Locale } from '~/utils/i18n';

/** The same page for every unknown, expired or revoked link: it tells nothing about which it was. */
export function ErrorPage({ status, locale }: { status: number; locale: Locale }) {
  const t = translator(locale);
  const kind = status === 404 ? 'notFound' : status === 429 ? 'tooMany' : 'generic';
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold text-slate-600">{status}</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t(`error.${kind}.title`)}</h1>
      <p className="mt-3 text-base leading-relaxed text-slate-700">{t(`error.${kind}.body`)}</p>
    </main>
  );
}
