import { Link } from '@remix-run/react';
import { money } from '~/components/invoice/format';
import { formatDate, type Locale, type T } from '~/utils/i18n';
import { card, secondaryButton, textLink } from './ui';

type HandOff = {
  agencyName: string;
  handedOn: string;
  amountMinor: number;
  currency: string;
  note: string | null;
  handedByName: string | null;
};

/** The invoice page's collections card: the hand-off if there is one (and the case file), else the way to it. */
export function CollectionsCard(props: {
  invoiceId: string;
  status: string;
  handOff: HandOff | null;
  lang: (path: string) => string;
  locale: Locale;
  t: T;
}) {
  const { invoiceId, status, handOff, lang, locale, t } = props;
  if (!handOff && status !== 'open') return null;
  return (
    <section aria-labelledby="collections-title" className={card}>
      <h2 id="collections-title" className="text-base font-semibold text-slate-900">
        {t('card.title')}
      </h2>
      {handOff ? (
        <>
          <p className="mt-2 text-sm font-medium text-slate-900">
            {t('card.handed', {
              agency: handOff.agencyName,
              date: formatDate(handOff.handedOn, locale),
              amount: money(handOff.amountMinor, handOff.currency, locale),
            })}
          </p>
          {handOff.handedByName ? (
            <p className="mt-1 text-sm text-slate-700">{t('card.by', { name: handOff.handedByName })}</p>
          ) : null}
          {handOff.note ? (
            <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{handOff.note}</p>
          ) : null}
        </>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">{t('card.open')}</p>
          <p className="mt-3">
            <Link to={lang(`/admin/invoices/${invoiceId}/collections`)} className={secondaryButton}>
              {t('card.handOff')}
            </Link>
          </p>
        </>
      )}
      <p className="mt-3 text-sm">
        <a href={lang(`/admin/invoices/${invoiceId}/case-file.pdf`)} className={textLink}>
          {t('card.file')}
        </a>
      </p>
    </section>
  );
}
