import { adminSettings } from '~/i18n/admin-settings';
import { useSectionT } from './section-t';
import { useAdmin } from './use-admin';

/** On a settings page, tells staff up front that only an owner can save it (the server refuses them anyway). */
export function OwnerOnlyNote() {
  const { user } = useAdmin();
  const { t } = useSectionT(adminSettings);
  if (user.role === 'owner') return null;
  return (
    <p
      role="note"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      {t('settings.ownerOnly')}
    </p>
  );
}
