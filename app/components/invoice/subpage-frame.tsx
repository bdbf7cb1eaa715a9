import type { ReactNode } from 'react';
import { DebtorShell } from '~/components/debtor/debtor-shell';
import type { Locale, T } from '~/utils/i18n';

/** A debtor sub-page about the invoice (plan, promise): the debtor frame, a way back to the invoice, a title. */
export function SubpageFrame(props: {
  token: string;
  sellerName: string;
  title: string;
  backLabel: string;
  locale: Locale;
  t: T;
  children: ReactNode;
}) {
  const { token, sellerName, title, backLabel, locale, t, children } = props;
  return (
    <DebtorShell
      business={{ name: sellerName, logoUrl: null }}
      back={{ href: `/i/${token}?lang=${locale}`, label: backLabel }}
      locale={locale}
      t={t}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {children}
    </DebtorShell>
  );
}
