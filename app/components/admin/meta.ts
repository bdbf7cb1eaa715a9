import { admin } from '~/i18n/admin';
import { isLocale, translator } from '~/utils/i18n';

type Match = { id: string; data: unknown };

/** "<page> — Acquit" in the page's language (the root loader's locale). */
export function adminTitle(matches: Match[], page: string | ((t: ReturnType<typeof translator>) => string)) {
  const rootData = matches.find((m) => m.id === 'root')?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(rootData?.locale) ? rootData.locale : 'fr', admin);
  return [{ title: t('admin.title', { page: typeof page === 'string' ? t(page) : page(t) }) }];
}
