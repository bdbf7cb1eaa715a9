import type { T } from '~/utils/i18n';
import { textLink } from './ui';

type Contact = { id: string; name: string; email: string; phone: string | null; roles: string[] };

/** A customer's contacts with their roles; phone numbers are tel: links (one tap on a phone). */
export function ContactList({ contacts, empty, t }: { contacts: Contact[]; empty: string; t: T }) {
  if (!contacts.length) return <p className="mt-2 text-sm text-slate-700">{empty}</p>;
  return (
    <ul className="mt-3 space-y-3">
      {contacts.map((c) => (
        <li key={c.id} className="text-sm">
          <p className="font-semibold text-slate-900">{c.name}</p>
          {c.roles.length ? (
            <p className="text-xs text-slate-600">{c.roles.map((r) => t(`role.${r}`)).join(', ')}</p>
          ) : null}
          {c.phone ? (
            <p className="mt-0.5">
              <a
                href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}
                aria-label={t('contact.callLabel', { name: c.name, phone: c.phone })}
                className={`${textLink} tabular-nums`}
              >
                {c.phone}
              </a>
            </p>
          ) : (
            <p className="mt-0.5 text-slate-600">{t('contact.noPhone')}</p>
          )}
          <p className="break-all text-slate-700">
            <a href={`mailto:${c.email}`} className="hover:underline">
              {c.email}
            </a>
          </p>
        </li>
      ))}
    </ul>
  );
}
