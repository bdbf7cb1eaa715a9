import { Link } from '@remix-run/react';
import { adminSettings } from '~/i18n/admin-settings';
import { useSectionT } from './section-t';
import { card, textLink } from './ui';
import { useLangLink } from './use-admin';

/** The settings that live on their own pages, listed on the settings hub. */
export function SettingsLinks({ isOwner }: { isOwner: boolean }) {
  const { t } = useSectionT(adminSettings);
  const lang = useLangLink();
  const links = [
    ['/admin/settings/users', 'settings.link.users'],
    ['/admin/settings/sessions', 'settings.link.sessions'],
    ['/admin/plans/settings', 'settings.link.plans'],
    ['/admin/dunning', 'settings.link.dunning'],
    ...(isOwner ? [['/admin/settings/audit', 'settings.link.audit']] : []),
  ];
  return (
    <nav aria-labelledby="settings-more" className={card}>
      <h2 id="settings-more" className="text-lg font-semibold text-slate-900">
        {t('settings.more')}
      </h2>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2">
        {links.map(([to, key]) => (
          <li key={to}>
            <Link to={lang(to!)} className={textLink}>
              {t(key!)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
