import type { Locale, T } from '~/utils/i18n';
import { Lock, payButton } from './amount-form';
import { money } from './format';
import type { StripeError } from './stripe-js';
import { useConfirmablePaymentElement } from './use-payment-element';

export type Session = { clientSecret: string; publishableKey: string; amountMinor: number };
export type Step = 'amount' | 'loading' | 'ready' | 'confirming' | 'finishing' | 'unavailable';
export type Paid = { id: string; status: 'succeeded' | 'processing'; amountMinor: number };

type Props = {
  session: Session;
  step: Step;
  setStep: (step: Step) => void;
  /** Why the last confirmation failed, as shown (kept by the caller, whose live region stays quiet meanwhile). */
  failure: string | null;
  setFailure: (failure: string | null) => void;
  /** Back to the amount (only when the business takes part payments). */
  onChangeAmount: (() => void) | null;
  /** Retry mounting the Payment Element after Stripe.js failed to load. */
  onRetry: () => void;
  onPaid: (paid: Paid) => void;
  currency: string;
  stripeJs: string;
  locale: Locale;
  t: T;
};

/**
 * Stripe's Payment Element mounted in our own markup, then the confirmation. Loaded only once the customer has
 * chosen to pay online (a chunk of its own): everyone else never downloads it.
 */
export default function PaymentSessionForm(props: Props) {
  const { session, step, setStep, failure, setFailure, onChangeAmount, onRetry, onPaid } = props;
  const { currency, stripeJs, locale, t } = props;
  const element = useConfirmablePaymentElement(session, {
    stripeJs,
    locale,
    step,
    // A new attempt clears the last one's failure.
    setStep: (next) => (next === 'confirming' && setFailure(null), setStep(next)),
  });

  async function confirm() {
    const outcome = await element.confirm();
    if (!outcome) return;
    if ('error' in outcome) {
      setFailure(failureText(outcome.error, t));
      return;
    }
    const { intent } = outcome;
    onPaid({
      id: intent.id,
      status: intent.status === 'succeeded' ? 'succeeded' : 'processing',
      amountMinor: intent.amount,
    });
  }

  return (
    <form
      className="mt-3 max-w-lg"
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-sm text-slate-700">
          {t('pay.paying')}{' '}
          <strong className="text-base tabular-nums text-slate-900">
            {money(session.amountMinor, currency, locale)}
          </strong>
        </p>
        {onChangeAmount && (step === 'ready' || step === 'unavailable') ? (
          <button
            type="button"
            onClick={onChangeAmount}
            className="text-sm font-medium text-brand-700 underline underline-offset-2"
          >
            {t('pay.change')}
          </button>
        ) : null}
      </div>
      <div ref={element.mount} className="mt-4" />
      {step === 'unavailable' ? (
        <div
          role="alert"
          className="mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p className="font-medium">{t('pay.failed.load')}</p>
          <button type="button" onClick={onRetry} className="mt-2 font-semibold underline underline-offset-2">
            {t('pay.retry')}
          </button>
        </div>
      ) : null}
      {failure ? (
        <div
          id="pay-failure"
          role="alert"
          className="mt-4 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <p className="font-semibold">{t('pay.failed')}</p>
          <p className="mt-0.5">{failure}</p>
          <p className="mt-0.5">{t('pay.failed.retry')}</p>
        </div>
      ) : null}
      {step !== 'unavailable' && step !== 'loading' ? (
        <button
          type="submit"
          aria-disabled={step !== 'ready'}
          aria-describedby={failure ? 'pay-failure' : undefined}
          className={`mt-4 ${payButton}`}
        >
          <Lock />
          {t('pay.confirm')}
        </button>
      ) : null}
    </form>
  );
}

/** Known declines in the page's language, whatever language Stripe answered in; field problems as Stripe words them. */
function failureText(error: StripeError | undefined, t: T): string {
  const known = t(`pay.declined.${error?.decline_code ?? error?.code}`);
  if (!known.startsWith('pay.declined.')) return known;
  if (error?.type === 'validation_error' && error.message) return error.message;
  return t(error?.type === 'card_error' ? 'pay.declined.card_declined' : 'pay.failed.generic');
}
