import { useEffect, useRef } from 'react';
import { useNonce } from '~/utils/nonce';
import { cleanUrl } from './payment-return';
import {
  getStripe,
  pageNonce,
  type ConfirmResult,
  type Stripe,
  type StripeElements,
  type StripeError,
} from './stripe-js';

/** The Payment Element in the page's colours. */
const APPEARANCE = {
  theme: 'stripe',
  variables: {
    colorPrimary: '#185a4b',
    colorText: '#18212b',
    colorDanger: '#b91c1c',
    fontFamily: 'system-ui, sans-serif',
    borderRadius: '8px',
  },
};

export type PaymentSession = { clientSecret: string; publishableKey: string };
export type ConfirmedIntent = NonNullable<ConfirmResult['paymentIntent']>;

const DONE = ['succeeded', 'processing', 'requires_capture'];

/**
 * Confirms the mounted Payment Element in place (a redirect only if the bank needs one, back to this page): the
 * intent once it has succeeded or is processing, otherwise Stripe's error (or none, when Stripe gave no answer).
 */
async function confirmInPlace(
  ready: MountedStripe,
): Promise<{ intent: ConfirmedIntent } | { error: StripeError | undefined }> {
  const result: ConfirmResult = await ready.stripe
    .confirmPayment({
      elements: ready.elements,
      confirmParams: { return_url: cleanUrl().href },
      redirect: 'if_required',
    })
    .catch(() => ({ error: {} }));
  const intent = result.paymentIntent;
  if (result.error || !intent || !DONE.includes(intent.status)) return { error: result.error };
  return { intent };
}
export type MountedStripe = { stripe: Stripe; elements: StripeElements };

/**
 * Mounts Stripe's Payment Element for `session` into the returned `mount` div (nothing while session is null),
 * focuses it once ready, and unmounts it when the session changes or the page leaves. `stripe` holds what
 * confirming needs. The invoice's pay form and the plan page both pay this way.
 */
function usePaymentElement(
  session: PaymentSession | null,
  {
    stripeJs,
    locale,
    onReady,
    onUnavailable,
  }: {
    stripeJs: string;
    locale: string;
    onReady: () => void;
    onUnavailable: () => void;
  },
) {
  const nonce = useNonce();
  const stripe = useRef<MountedStripe | null>(null);
  const mount = useRef<HTMLDivElement>(null);
  // The callbacks change every render; the element must not be remounted for that.
  const callbacks = useRef({ onReady, onUnavailable });
  callbacks.current = { onReady, onUnavailable };

  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    let element: ReturnType<StripeElements['create']> | undefined;
    getStripe(stripeJs, pageNonce(nonce), session.publishableKey).then(
      (instance) => {
        if (cancelled || !mount.current) return;
        const elements = instance.elements({
          clientSecret: session.clientSecret,
          locale,
          appearance: APPEARANCE,
        });
        element = elements.create('payment');
        element.on('ready', () => {
          if (cancelled) return;
          callbacks.current.onReady();
          element?.focus();
        });
        element.on('loaderror', () => !cancelled && callbacks.current.onUnavailable());
        element.mount(mount.current);
        stripe.current = { stripe: instance, elements };
      },
      () => !cancelled && callbacks.current.onUnavailable(),
    );
    return () => {
      cancelled = true;
      element?.destroy();
      stripe.current = null;
    };
  }, [session, stripeJs, nonce, locale]);

  return { mount, stripe };
}

/** The steps a mounted Payment Element goes through, as its forms show them. */
export type ElementStep = 'ready' | 'unavailable' | 'confirming';

/**
 * The Payment Element for `session` with the form's steps: 'ready' once mounted, 'unavailable' when Stripe.js or the
 * element fails to load. `confirm` confirms in place from 'ready' only (null otherwise: a press while loading or
 * confirming does nothing), going through 'confirming' and back to 'ready' when it fails.
 */
export function useConfirmablePaymentElement(
  session: PaymentSession | null,
  opts: { stripeJs: string; locale: string; step: string; setStep: (step: ElementStep) => void },
) {
  const { stripeJs, locale, step, setStep } = opts;
  const { mount, stripe } = usePaymentElement(session, {
    stripeJs,
    locale,
    onReady: () => setStep('ready'),
    onUnavailable: () => setStep('unavailable'),
  });
  async function confirm() {
    const ready = stripe.current;
    if (!ready || step !== 'ready') return null;
    setStep('confirming');
    const outcome = await confirmInPlace(ready);
    if ('error' in outcome) setStep('ready');
    return outcome;
  }
  return { mount, confirm };
}
