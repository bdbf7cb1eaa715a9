import { creditorReference, formatCreditorReference } from '~/modules/payments/creditor-reference';
import type { InvoiceView } from '~/modules/invoices/types';
import type { Locale, T } from '~/utils/i18n';
import { money } from './format';
import { OnlinePayment } from './online-payment';

export type PaymentSetup = {
  /** What may be paid now: the balance less disputed amounts and debits still processing. */
  payableMinor: number;
  minPartialMinor: number | null;
  /** Where Stripe.js comes from; null when online payment is off. */
  stripeJs: string | null;
};

/** Accepted methods, online payment when the business has it, and the transfer details. */
export function PayOptions({
  view,
  payment,
  csrf,
  returned,
  locale,
  t,
}: {
  view: InvoiceView;
  payment: PaymentSetup;
  csrf: string;
  returned: 'succeeded' | 'failed' | null;
  locale: Locale;
  t: T;
}) {
  const methods = [
    t('pay.card'),
    view.currency === 'EUR' ? t('pay.sepa') : view.currency === 'USD' ? t('pay.ach') : null,
    view.business.iban ? t('pay.transfer') : null,
  ].filter(Boolean);
  return (
    <section
      id="pay"
      aria-labelledby="pay-title"
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6"
    >
      <h2 id="pay-title" className="text-lg font-semibold text-slate-900">
        {t('pay.title')}
      </h2>
      <ul className="mt-3 flex flex-wrap gap-2" aria-label={t('pay.title')}>
        {methods.map((m) => (
          <li key={m} className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-800">
            {m}
          </li>
        ))}
      </ul>
      {payment.stripeJs ? (
        <OnlinePayment
          csrf={csrf}
          currency={view.currency}
          payableMinor={payment.payableMinor}
          minPartialMinor={payment.minPartialMinor}
          stripeJs={payment.stripeJs}
          returned={returned}
          hasTransfer={Boolean(view.business.iban)}
          locale={locale}
          t={t}
        />
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          {t('pay.online.soon', { business: view.business.name })}
        </p>
      )}
      {view.business.iban ? (
        <div className="mt-5 rounded-xl bg-slate-50 p-4">
          <h3 className="text-sm font-semibold text-slate-900">{t('pay.transfer')}</h3>
          <p className="mt-1 text-sm text-slate-700">{t('pay.transfer.intro')}</p>
          <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-600">{t('pay.transfer.holder')}</dt>
            <dd className="font-medium text-slate-900">{view.seller.name}</dd>
            <dt className="text-slate-600">{t('pay.transfer.iban')}</dt>
            <dd className="break-all font-mono font-medium text-slate-900">{view.business.iban}</dd>
            {view.business.bic ? (
              <>
                <dt className="text-slate-600">{t('pay.transfer.bic')}</dt>
                <dd className="font-mono font-medium text-slate-900">{view.business.bic}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">{t('pay.transfer.reference')}</dt>
            <dd className="font-mono font-medium text-slate-900">
              {formatCreditorReference(creditorReference(view.number))}
            </dd>
            <dt className="text-slate-600">{t('pay.transfer.amount')}</dt>
            <dd className="font-medium tabular-nums text-slate-900">
              {money(payment.payableMinor, view.currency, locale)}
            </dd>
          </dl>
        </div>
      ) : null}
    </section>
  );
}
