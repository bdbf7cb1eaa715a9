import type { InvoiceView } from '~/modules/invoices/types';
import { effectiveRateBps, type LatePenalty } from '~/modules/invoices/penalties';
import type { Locale, T } from '~/utils/i18n';
import { money, rate } from './format';

export function PaymentTerms({ view, locale, t }: { view: InvoiceView; locale: Locale; t: T }) {
  const r = rate(effectiveRateBps(view.penaltyRateBps), locale);
  return (
    <section aria-labelledby="terms-title">
      <h2 id="terms-title" className="text-sm font-semibold text-slate-900">
        {t('terms.title')}
      </h2>
      <div className="mt-2 space-y-2 text-sm leading-relaxed text-slate-700">
        <p>{view.business.paymentTermsText || t('terms.default', { days: view.termsDays })}</p>
        <p>{t(view.penaltyRateBps === null ? 'terms.penalty.statutory' : 'terms.penalty', { rate: r })}</p>
        <p>{t('terms.indemnity', { amount: money(view.recoveryIndemnityMinor, view.currency, locale) })}</p>
      </div>
    </section>
  );
}

/** Shown once overdue: what could be claimed, computed live and never added to the balance. */
export function LatePenaltyNotice({
  penalty,
  view,
  locale,
  t,
}: {
  penalty: LatePenalty;
  view: InvoiceView;
  locale: Locale;
  t: T;
}) {
  const m = (v: number) => money(v, view.currency, locale);
  return (
    <section
      aria-labelledby="late-title"
      className="rounded-2xl border border-red-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2 id="late-title" className="text-base font-semibold text-slate-900">
        {t('late.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {t('late.body', { days: penalty.daysLate, business: view.business.name })}
      </p>
      <dl className="mt-3 space-y-1 text-sm">
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">
            {t('late.interest', { rate: rate(penalty.rateBps, locale), amount: m(view.balanceMinor) })}
          </dt>
          <dd className="tabular-nums">{m(penalty.interestMinor)}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-slate-700">{t('late.indemnity')}</dt>
          <dd className="tabular-nums">{m(penalty.indemnityMinor)}</dd>
        </div>
        <div className="flex justify-between gap-4 border-t border-slate-200 pt-1 font-semibold">
          <dt>{t('late.total')}</dt>
          <dd className="tabular-nums">{m(penalty.totalMinor)}</dd>
        </div>
      </dl>
      <p className="mt-3 text-xs text-slate-600">{t('late.note')}</p>
    </section>
  );
}
