import { admin } from '~/i18n/admin';
import { isLocale, translator, type Dictionary } from '~/utils/i18n';
import { useAdminT } from './use-admin';

/** The admin translator with a section's own dictionaries first (dunning, tasks, customers...). */
export function useSectionT(...dictionaries: Dictionary[]) {
  const { locale, t: adminT } = useAdminT();
  return { locale, t: translator(locale, ...dictionaries, admin), adminT };
}

type Match = { id: string; data: unknown };

/** "<page> — Acquit" for a section's page, in the root loader's language. */
export function sectionTitle(matches: Match[], dictionaries: Dictionary[], page: string) {
  const rootData = matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(rootData?.locale) ? rootData.locale : 'fr', ...dictionaries, admin);
  return [{ title: t('admin.title', { page: t(page) }) }];
}
