import { useActionData, useFetcher } from '@remix-run/react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { PaymentActionData } from '~/modules/payments/debtor-payment-action.server';
import type { Locale, T } from '~/utils/i18n';
import { useNonce } from '~/utils/nonce';
import { AmountForm } from './amount-form';
import { money } from './format';
import { RETURNED_FETCHER } from './payment-return';
import type { Paid, Session, Step } from './payment-session';
import { pageNonce, preloadStripeJs } from './stripe-js';

// The Payment Element and its confirmation: a chunk of its own, fetched when the customer chooses to pay online.
const loadSessionForm = () => import('./payment-session');
const PaymentSessionForm = lazy(loadSessionForm);
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

  /** Paid in the page: tell the server (it checks with Stripe), then show the news once it has answered. */
  function finish(payment: Paid) {
    paid.current = { status: payment.status, amountMinor: payment.amountMinor };
    setStep('finishing');
    sync.submit({ csrf, intent: 'payment-returned', paymentIntentId: payment.id }, { method: 'post' });
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
        <Suspense fallback={null}>
          <PaymentSessionForm
            session={session}
            step={step}
            setStep={setStep}
            failure={failure}
            setFailure={setFailure}
            onChangeAmount={
              minPartialMinor === null ? null : () => (setSession(null), setStep('amount'), setChanging(true))
            }
            onRetry={() => (setSession({ ...session }), setStep('loading'))}
            onPaid={finish}
            currency={currency}
            stripeJs={stripeJs}
            locale={locale}
            t={t}
          />
        </Suspense>
      ) : (
        <AmountForm
          pay={pay}
          answer={answer && !answer.ok && step === 'amount' ? answer : null}
          csrf={csrf}
          currency={currency}
          payableMinor={payableMinor}
          minPartialMinor={minPartialMinor}
          onSubmit={() => (preloadStripeJs(stripeJs, pageNonce(nonce)), void loadSessionForm())}
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
