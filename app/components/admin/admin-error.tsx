import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { card, textLink } from './ui';
import { useAdminT, useLangLink } from './use-admin';

/** Inside the admin layout (header and navigation stay), for a missing invoice or email and other errors. */
export function AdminErrorBoundary() {
  const error = useRouteError();
  const { t } = useAdminT();
  const lang = useLangLink();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className={card}>
      <p className="text-sm font-semibold text-slate-600">
        {isRouteErrorResponse(error) ? error.status : 500}
      </p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">
        {t(notFound ? 'adminError.notFound' : 'adminError.generic')}
      </h1>
      <p className="mt-2 text-sm text-slate-700">
        {t(notFound ? 'adminError.notFound.body' : 'adminError.generic.body')}
      </p>
      <p className="mt-4 text-sm">
        <Link to={lang('/admin/invoices')} className={textLink}>
          {t('detail.back')}
        </Link>
      </p>
    </div>
  );
}
