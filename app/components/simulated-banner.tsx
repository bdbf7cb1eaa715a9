import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root';
import { translator, type Locale } from '~/utils/i18n';

/** Never let anyone mistake the local Stripe fake for real payments. */
export function SimulatedBanner({ locale }: { locale: Locale }) {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  if (!root?.simulated) return null;
  return (
    <div
      role="note"
      className="no-print bg-amber-300 px-4 py-2 text-center text-sm font-semibold text-amber-950"
    >
      {translator(locale)('simulated.banner')}
    </div>
  );
}
