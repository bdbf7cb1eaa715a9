import { useState } from 'react';
import { Lock, payButton } from './amount-form';
import { money } from './format';
import { useConfirmablePaymentElement, type ConfirmedIntent } from './use-payment-element';
import type { Locale, T } from '~/utils/i18n';

type Step = 'loading' | 'ready' | 'confirming' | 'finishing' | 'unavailable';

/**
 * Stripe's Payment Element for a PaymentIntent the server already opened (a plan part, a statement payment):
 * mounted in our markup, confirmed in place (a redirect only if the bank needs one), with its progress announced
 * and a decline said beside the button. `onConfirmed` hands a succeeded or processing intent to the page, which
 * has the server read it back.
 */
export function EmbeddedPaymentForm(props: {
  session: { clientSecret: string; publishableKey: string; amountMinor: number };
  stripeJs: string;
  currency: string;
  payingLabel: string;
  /** Id of the decline message, unique on the page. */
  failureId: string;
  mandate?: string;
  onConfirmed: (intent: ConfirmedIntent) => void;
  locale: Locale;
  t: T;
}) {
  const { session, stripeJs, currency, payingLabel, failureId, mandate, onConfirmed, locale, t } = props;
  const [step, setStep] = useState<Step>('loading');
  const [failure, setFailure] = useState(false);
  const element = useConfirmablePaymentElement(session, {
    stripeJs,
    locale,
    step,
    // A new attempt clears the last one's failure.
    setStep: (next) => (next === 'confirming' && setFailure(false), setStep(next)),
  });

  async function confirm() {
    const outcome = await element.confirm();
    if (!outcome) return;
    if ('error' in outcome) {
      setFailure(true);
      return;
    }
    setStep('finishing');
    onConfirmed(outcome.intent);
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
        {payingLabel}{' '}
        <strong className="text-base tabular-nums text-slate-900">
          {money(session.amountMinor, currency, locale)}
        </strong>
      </p>
      <div aria-live="polite" className="text-sm">
        {live ? <p className="mt-2 font-medium text-slate-700">{live}</p> : null}
      </div>
      <div ref={element.mount} className="mt-4" />
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
          id={failureId}
          role="alert"
          className="mt-4 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p className="font-semibold">{t('pay.failed')}</p>
          <p className="mt-0.5">{t('pay.failed.retry')}</p>
        </div>
      ) : null}
      {mandate ? <p className="mt-4 text-xs text-slate-600">{mandate}</p> : null}
      {step !== 'unavailable' && step !== 'loading' ? (
        <button
          type="submit"
          aria-disabled={step !== 'ready'}
          aria-describedby={failure ? failureId : undefined}
          className={`mt-4 ${payButton}`}
        >
          <Lock />
          {t('pay.confirm')}
        </button>
      ) : null}
    </form>
  );
}
