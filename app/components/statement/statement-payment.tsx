import { useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { Lock, payButton } from '~/components/invoice/amount-form';
import { money } from '~/components/invoice/format';
import { cleanUrl } from '~/components/invoice/payment-return';
import type { ConfirmResult } from '~/components/invoice/stripe-js';
import { usePaymentElement } from '~/components/invoice/use-payment-element';
import type { Share } from '~/modules/statements/allocate';
import type { Locale, T } from '~/utils/i18n';

const DONE = ['succeeded', 'processing', 'requires_capture'];
export const RETURNED_KEY = 'statement-returned';

export type StatementSession = {
  clientSecret: string;
  publishableKey: string;
  amountMinor: number;
  shares: Share[];
};
type Step = 'loading' | 'ready' | 'confirming' | 'finishing' | 'unavailable';

/**
 * Stripe's Payment Element for one statement payment (one currency), confirmed in place; the server then reads the
 * PaymentIntent back, and the page's data (every invoice's balance) reloads with its answer.
 */
export function StatementPayment(props: {
  session: StatementSession;
  stripeJs: string;
  csrf: string;
  currency: string;
  onDone: (outcome: { status: 'succeeded' | 'processing'; amountMinor: number }) => void;
  locale: Locale;
  t: T;
}) {
  const { session, stripeJs, csrf, currency, onDone, locale, t } = props;
  const sync = useFetcher({ key: RETURNED_KEY });
  const [step, setStep] = useState<Step>('loading');
  const [failure, setFailure] = useState(false);
  const { mount, stripe } = usePaymentElement(session, {
    stripeJs,
    locale,
    onReady: () => setStep('ready'),
    onUnavailable: () => setStep('unavailable'),
  });

  async function confirm() {
    const ready = stripe.current;
    if (!ready || step !== 'ready') return;
    setStep('confirming');
    setFailure(false);
    const result: ConfirmResult = await ready.stripe
      .confirmPayment({
        elements: ready.elements,
        confirmParams: { return_url: cleanUrl().href },
        redirect: 'if_required',
      })
      .catch(() => ({ error: {} }));
    const intent = result.paymentIntent;
    if (result.error || !intent || !DONE.includes(intent.status)) {
      setFailure(true);
      setStep('ready');
      return;
    }
    setStep('finishing');
    sync.submit({ csrf, intent: 'payment-returned', paymentIntentId: intent.id }, { method: 'post' });
    onDone({
      status: intent.status === 'succeeded' ? 'succeeded' : 'processing',
      amountMinor: intent.amount,
    });
  }

  const live =
    step === 'loading'
      ? t('pay.loading')
      : step === 'confirming'
        ? t('pay.confirming')
        : step === 'finishing'
          ? t('pay.finishing')
          : null;
  return (
    <form
      className="mt-4 rounded-xl border border-slate-200 bg-slate-50/60 p-4 sm:p-5"
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <p className="text-sm text-slate-700">
        {t('statement.pay.paying')}{' '}
        <strong className="text-base tabular-nums text-slate-900">
          {money(session.amountMinor, currency, locale)}
        </strong>
      </p>
      <div aria-live="polite" className="text-sm">
        {live ? <p className="mt-2 font-medium text-slate-700">{live}</p> : null}
      </div>
      <div ref={mount} className="mt-4" />
      {step === 'unavailable' ? (
        <p
          role="alert"
          className="mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {t('pay.failed.load')}
        </p>
      ) : null}
      {failure ? (
        <div
          id="statement-pay-failure"
          role="alert"
          className="mt-4 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p className="font-semibold">{t('pay.failed')}</p>
          <p className="mt-0.5">{t('pay.failed.retry')}</p>
        </div>
      ) : null}
      {step !== 'unavailable' && step !== 'loading' ? (
        <button
          type="submit"
          aria-disabled={step !== 'ready'}
          aria-describedby={failure ? 'statement-pay-failure' : undefined}
          className={`mt-4 ${payButton}`}
        >
          <Lock />
          {t('pay.confirm')}
        </button>
      ) : null}
    </form>
  );
}
