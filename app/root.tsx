import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import styles from './tailwind.css';
import { ErrorPage } from './components/error-page';
import { isSimulatedPayments } from './utils/env.server';
import { pickLocale, translator, type Locale } from './utils/i18n';
import { useNonce } from './utils/nonce';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export function loader({ request }: LoaderFunctionArgs) {
  return { locale: pickLocale(request), simulated: isSimulatedPayments() };
}

/** Only error pages reach this: every route sets its own title. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [];
  const t = translator(data?.locale ?? 'fr');
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? 'notFound' : status === 429 ? 'tooMany' : 'generic';
  return [{ title: `${t(`error.${kind}.title`)} — Acquit` }];
};

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const nonce = useNonce();
  const locale: Locale = data?.locale ?? 'fr';
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>('root');
  const locale = data?.locale ?? 'fr';
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return <ErrorPage status={status} locale={locale} />;
}
