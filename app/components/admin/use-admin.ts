import { useRouteLoaderData, useSearchParams } from '@remix-run/react';
import { admin } from '~/i18n/admin';
import { adminDisputes } from '~/i18n/admin-disputes';
import { adminPayments } from '~/i18n/admin-payments';
import { adminPlans } from '~/i18n/admin-plans';
import { adminTaskEvents } from '~/i18n/admin-tasks';
import { debtor } from '~/i18n/debtor';
import { paymentMethods } from '~/i18n/payment-methods';
import type { loader as rootLoader } from '~/root';
import type { loader as adminLoader } from '~/routes/admin';
import { isLocale, translator } from '~/utils/i18n';

/** The signed-in user, the business name and the CSRF token, from the admin layout. */
export function useAdmin() {
  const data = useRouteLoaderData<typeof adminLoader>('routes/admin');
  if (!data) throw new Error('useAdmin outside the admin layout');
  return data;
}

/** The page's language (root loader: ?lang=, then Accept-Language) and its translator. */
export function useAdminT() {
  const locale = useRouteLoaderData<typeof rootLoader>('root')?.locale ?? 'fr';
  return {
    locale,
    t: translator(
      locale,
      admin,
      adminPayments,
      paymentMethods,
      debtor,
      adminTaskEvents,
      adminDisputes,
      adminPlans,
    ),
  };
}

/** Keeps an explicit ?lang= choice on the links of the admin area. */
export function useLangLink() {
  const [params] = useSearchParams();
  const lang = params.get('lang');
  return (to: string) => (isLocale(lang) ? `${to}${to.includes('?') ? '&' : '?'}lang=${lang}` : to);
}
