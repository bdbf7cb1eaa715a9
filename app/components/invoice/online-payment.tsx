import { useActionData, useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { PaymentActionData } from '~/modules/payments/debtor-payment-action.server';
import type { Locale, T } from '~/utils/i18n';
import { useNonce } from '~/utils/nonce';
import { usePaymentElement } from '~/components/invoice/use-payment-element';
import { AmountForm, Lock, payButton } from './amount-form';
import { money } from './format';
import { cleanUrl, RETURNED_FETCHER } from './payment-return';
import { pageNonce, preloadStripeJs, type ConfirmResult, type StripeError } from './stripe-js';

const DONE = ['succeeded', 'processing', 'requires_capture'];
// Stripe's Payment Element, dressed like the page (brand green, system font, 8 px corners).
export type OnlinePaymentProps = {
  csrf: string;
  currency: string;
  payableMinor: number;
  /** Null when the business takes the whole balance only. */
  minPartialMinor: number | null;
  stripeJs: string;
  returned: 'succeeded' | 'failed' | null;
  /** Whether bank transfer details are on the page (what to say without JavaScript). */
  hasTransfer: boolean;
  locale: Locale;
  t: T;
};

type Session = { clientSecret: string; publishableKey: string; amountMinor: number };
type Step = 'amount' | 'loading' | 'ready' | 'confirming' | 'finishing' | 'unavailable';

/**
 * Pay in the page: the amount (the balance, or a permitted part of it), then Stripe's Payment Element mounted in
 * our own markup, then the confirmation. Every outcome is said plainly; the page's status comes from the server.
 */
export function OnlinePayment(props: OnlinePaymentProps) {
  const { csrf, currency, payableMinor, minPartialMinor, stripeJs, returned, hasTransfer, locale, t } = props;
  const pay = useFetcher<PaymentActionData>({ key: 'pay' });
  const sync = useFetcher({ key: RETURNED_FETCHER });
  const nonce = useNonce();
  const [step, setStep] = useState<Step>('amount');
  const [session, setSession] = useState<Session | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ status: string; amountMinor: number } | null>(null);
  const [changing, setChanging] = useState(false);
  const paid = useRef<{ status: string; amountMinor: number } | null>(null);
  const syncBusy = useRef(false);
  const { mount, stripe } = usePaymentElement(session, {
    stripeJs,
    locale,
    onReady: () => setStep('ready'),
    onUnavailable: () => setStep('unavailable'),
  });
  const liveRef = useRef<HTMLParagraphElement>(null);
  const m = (minor: number) => money(minor, currency, locale);

  // A press before the page's JavaScript has started posts the form natively: its answer comes as action data.
  const native = useActionData<PaymentActionData>();
  const posted = pay.data ?? native;
  const answer = posted?.intent === 'pay' ? posted : null;
  useEffect(() => {
    if (!answer?.ok) return;
    setSession({
      clientSecret: answer.clientSecret,
      publishableKey: answer.publishableKey,
      amountMinor: answer.amountMinor,
    });
    setStep('loading');
    setFailure(null);
    setNotice(null);
    setChanging(false);
  }, [answer]);

  // Still on the page once the server has the payment: a part was paid, or a bank debit is on its way.
  useEffect(() => {
    if (sync.state !== 'idle') syncBusy.current = true;
    else if (syncBusy.current && step === 'finishing') {
      syncBusy.current = false;
      setSession(null);
      setStep('amount');
      setNotice(paid.current);
    }
  }, [sync.state, step]);

  // The payment form has gone with the button that had the focus: put it on the news instead.
  useEffect(() => {
    if (notice) liveRef.current?.focus();
  }, [notice]);

  async function confirm() {
    const ready = stripe.current;
    if (!ready || step !== 'ready') return;
    setStep('confirming');
    setFailure(null);
    const result: ConfirmResult = await ready.stripe
      .confirmPayment({
        elements: ready.elements,
        confirmParams: { return_url: cleanUrl().href },
        redirect: 'if_required',
      })
      .catch(() => ({ error: {} }));
    const intent = result.paymentIntent;
    if (result.error || !intent || !DONE.includes(intent.status)) {
      setFailure(failureText(result.error, t));
      setStep('ready');
      return;
    }
    paid.current = {
      status: intent.status === 'succeeded' ? 'succeeded' : 'processing',
      amountMinor: intent.amount,
    };
    setStep('finishing');
    sync.submit({ csrf, intent: 'payment-returned', paymentIntentId: intent.id }, { method: 'post' });
  }

  const done =
    notice &&
    t(notice.status === 'succeeded' ? 'pay.done.succeeded' : 'pay.done.processing', {
      amount: m(notice.amountMinor),
    });
  const live =
    step === 'loading'
      ? t('pay.loading')
      : step === 'confirming'
        ? t('pay.confirming')
        : step === 'finishing' || sync.state !== 'idle'
          ? t('pay.finishing')
          : done;

  return (
    <div className="mt-5 rounded-xl border border-slate-200 bg-slate-50/60 p-4 sm:p-5">
      <h3 className="text-base font-semibold text-slate-900">{t('pay.online.title')}</h3>
      <div aria-live="polite" className="text-sm">
        {live ? (
          <p
            ref={liveRef}
            tabIndex={-1}
            className={`mt-3 rounded-lg px-3 py-2 font-medium outline-none ${done && live === done ? 'border border-emerald-300 bg-emerald-50 text-emerald-900' : 'text-slate-700'}`}
          >
            {live}
          </p>
        ) : null}
        {step === 'ready' && !failure ? <p className="sr-only">{t('pay.ready')}</p> : null}
      </div>
      {returned === 'failed' && step === 'amount' && !notice ? (
        <p
          role="alert"
          className="mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
        >
          {t('pay.failed')} {t('pay.failed.retry')}
        </p>
      ) : null}

      {session ? (
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
              <strong className="text-base tabular-nums text-slate-900">{m(session.amountMinor)}</strong>
            </p>
            {minPartialMinor !== null && (step === 'ready' || step === 'unavailable') ? (
              <button
                type="button"
                onClick={() => (setSession(null), setStep('amount'), setChanging(true))}
                className="text-sm font-medium text-brand-700 underline underline-offset-2"
              >
                {t('pay.change')}
              </button>
            ) : null}
          </div>
          <div ref={mount} className="mt-4" />
          {step === 'unavailable' ? (
            <div
              role="alert"
              className="mt-3 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
            >
              <p className="font-medium">{t('pay.failed.load')}</p>
              <button
                type="button"
                onClick={() => (setSession({ ...session }), setStep('loading'))}
                className="mt-2 font-semibold underline underline-offset-2"
              >
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
      ) : (
        <AmountForm
          pay={pay}
          answer={answer && !answer.ok && step === 'amount' ? answer : null}
          csrf={csrf}
          currency={currency}
          payableMinor={payableMinor}
          minPartialMinor={minPartialMinor}
          onSubmit={() => preloadStripeJs(stripeJs, pageNonce(nonce))}
          focusFirst={changing}
          locale={locale}
          t={t}
        />
      )}
      <p className="mt-3 hidden text-sm text-slate-800 noscript:block">
        {t('pay.noscript')} {hasTransfer ? t('pay.noscript.transfer') : null}
      </p>
      <p className="mt-3 text-xs text-slate-600 noscript:hidden">{t('pay.secure')}</p>
    </div>
  );
}

/** Known declines in the page's language, whatever language Stripe answered in; field problems as Stripe words them. */
function failureText(error: StripeError | undefined, t: T): string {
  const known = t(`pay.declined.${error?.decline_code ?? error?.code}`);
  if (!known.startsWith('pay.declined.')) return known;
  if (error?.type === 'validation_error' && error.message) return error.message;
  return t(error?.type === 'card_error' ? 'pay.declined.card_declined' : 'pay.failed.generic');
}
