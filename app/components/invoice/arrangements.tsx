import type { DebtorStatus } from '~/modules/invoices/status';
import type { InvoiceView } from '~/modules/invoices/types';
import type { Locale, T } from '~/utils/i18n';

const linkClass =
  'inline-flex items-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-brand-700 hover:bg-slate-50';

/**
 * Plans and promises on the invoice page: only a line and links (their pages are their own routes, so none of
 * their code weighs on this one). During a plan: where it stands. Otherwise, while something is payable: the ways
 * to arrange it that the business allows.
 */
export function Arrangements(props: {
  view: InvoiceView;
  status: DebtorStatus;
  payable: boolean;
  token: string;
  locale: Locale;
  t: T;
}) {
  const { view, status, payable, token, locale, t } = props;
  const base = `/i/${token}`;
  if (status.kind === 'plan') {
    return (
      <section
        aria-labelledby="arrange-title"
        className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="arrange-title" className="text-base font-semibold text-slate-900">
          {t('arrange.plan.summary', { paid: view.plan?.paidCount ?? 0, total: view.plan?.partCount ?? 0 })}
        </h2>
        <p className="mt-3">
          <a href={`${base}/plan?lang=${locale}`} className={linkClass}>
            {t('arrange.plan.view')}
          </a>
        </p>
      </section>
    );
  }
  const options = view.arrangements;
  if (!payable || !options || status.kind === 'promised' || status.kind === 'processing') return null;
  if (!options.plans && !options.promises) return null;
  return (
    <section
      aria-labelledby="arrange-title"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="arrange-title" className="text-base font-semibold text-slate-900">
        {t('arrange.title')}
      </h2>
      <ul className="mt-3 flex flex-wrap gap-3">
        {options.plans ? (
          <li>
            <a href={`${base}/plan?lang=${locale}`} className={linkClass}>
              {t('arrange.plan')}
            </a>
          </li>
        ) : null}
        {options.promises ? (
          <li>
            <a href={`${base}/promise?lang=${locale}`} className={linkClass}>
              {t('arrange.promise')}
            </a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
