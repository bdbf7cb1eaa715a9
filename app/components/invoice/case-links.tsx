import type { InvoiceView } from '~/modules/invoices/types';
import { formatDateTime, type Locale, type T } from '~/utils/i18n';
import { money } from './format';

const linkClass = 'font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800';

/**
 * The acceptance letter and dispute in one short block: what stands, and a link to the page that handles it (the
 * signing and the dispute thread live on their own routes, so this page stays light).
 */
export function CaseLinks({
  view,
  token,
  locale,
  t,
  part,
}: {
  view: InvoiceView;
  token: string;
  locale: Locale;
  t: T;
  /** `state`: the letter and dispute as they stand (top of the page); `raise`: the way to report a problem. */
  part: 'state' | 'raise';
}) {
  const base = `/i/${token}`;
  const items: React.ReactNode[] = [];
  if (view.acceptance) {
    items.push(
      <li key="letter">
        {t('cases.letter.signed', {
          date: formatDateTime(view.acceptance.signedAt, locale, view.business.timeZone),
          name: view.acceptance.signerName,
        })}{' '}
        <a className={linkClass} href={`${base}/letter.pdf?lang=${locale}`}>
          {t('cases.letter.pdf')}
        </a>
      </li>,
    );
  } else if (view.acceptanceRequired && (view.status === 'open' || view.status === 'paid')) {
    items.push(
      <li key="letter">
        {t('cases.letter.toSign')}{' '}
        <a className={linkClass} href={`${base}/accept?lang=${locale}`}>
          {t('cases.letter.sign')}
        </a>
      </li>,
    );
  }
  const dispute = view.dispute;
  if (dispute) {
    const open = dispute.status === 'waiting_for_us' || dispute.status === 'waiting_for_them';
    items.push(
      <li key="dispute">
        {t(`cases.dispute.${dispute.status}`, { business: view.seller.name })}{' '}
        {open
          ? `${t('cases.dispute.amount', { amount: money(dispute.amountMinor, view.currency, locale) })} `
          : null}
        <a className={linkClass} href={`${base}/dispute?lang=${locale}`}>
          {t('cases.dispute.view')}
        </a>
      </li>,
    );
  }
  if (part === 'raise') items.length = 0;
  const canRaise = part === 'raise' && view.status === 'open' && view.balanceMinor > 0;
  if (
    canRaise &&
    !(dispute && (dispute.status === 'waiting_for_us' || dispute.status === 'waiting_for_them'))
  ) {
    items.push(
      <li key="raise">
        <a className={linkClass} href={`${base}/dispute?lang=${locale}`}>
          {t('cases.dispute.raise')}
        </a>
      </li>,
    );
  }
  if (!items.length) return null;
  return (
    <section
      aria-label={t(part === 'raise' ? 'cases.raise.title' : 'cases.title')}
      className="rounded-2xl border border-slate-200 bg-white px-5 py-4 text-sm text-slate-800 shadow-sm"
    >
      <ul className="space-y-2">{items}</ul>
    </section>
  );
}
