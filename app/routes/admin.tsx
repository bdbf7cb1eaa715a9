import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { Outlet } from '@remix-run/react';
import { AdminHeader } from '~/components/admin/admin-header';
import { useAdminT } from '~/components/admin/use-admin';
import { SimulatedBanner } from '~/components/simulated-banner';
import { businessBasics } from '~/modules/business/business-basics.server';
import { db } from '~/utils/db.server';
import { csrfToken } from '~/utils/csrf.server';
import { requireUser } from '~/utils/session.server';

/** Everything under /admin but the login page (admin_.login) needs a signed-in user. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { token, setCookie } = csrfToken(request);
  return data(
    {
      user: { name: user.name, email: user.email, role: user.role },
      businessName: (await businessBasics(db(), user.businessId)).name,
      csrf: token,
    },
    setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined,
  );
}

export default function AdminLayout() {
  const { locale, t } = useAdminT();
  return (
    <>
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-700 shadow focus:not-sr-only focus:absolute focus:left-4 focus:top-4"
      >
        {t('admin.skip')}
      </a>
      <SimulatedBanner locale={locale} />
      <AdminHeader />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto max-w-6xl px-4 py-6 focus:outline-none sm:px-6 sm:py-8"
      >
        <Outlet />
      </main>
    </>
  );
}
