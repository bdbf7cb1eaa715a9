/** The few parts of Stripe.js the debtor page uses. Stripe.js itself is loaded from Stripe at runtime, never bundled. */

export type StripeError = { type?: string; code?: string; decline_code?: string; message?: string };
export type ConfirmResult = {
  error?: StripeError;
  paymentIntent?: { id: string; status: string; amount: number };
};
export type PaymentElement = {
  mount(target: HTMLElement): void;
  on(event: 'ready' | 'loaderror', handler: () => void): void;
  focus(): void;
  destroy(): void;
};
export type StripeElements = { create(type: 'payment', options?: object): PaymentElement };
export type Stripe = {
  elements(options: { clientSecret: string; locale: string; appearance: object }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
    redirect: 'if_required';
  }): Promise<ConfirmResult>;
};
type StripeFactory = (publishableKey: string) => Stripe;

declare global {
  interface Window {
    Stripe?: StripeFactory;
  }
}

let loading: Promise<StripeFactory> | undefined;
const instances = new Map<string, Stripe>();

/**
 * Adds the Stripe.js script once (with the page's CSP nonce) and resolves with its factory. A failed load removes
 * the script, so a later call tries again.
 */
function loadStripeJs(src: string, nonce: string): Promise<StripeFactory> {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    if (nonce) script.nonce = nonce;
    const fail = () => {
      loading = undefined;
      script.remove();
      reject(new Error('Stripe.js could not be loaded'));
    };
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : fail());
    script.onerror = fail;
    document.head.append(script);
  });
  return loading;
}

/** One Stripe instance per publishable key, as Stripe recommends. */
export async function getStripe(src: string, nonce: string, publishableKey: string): Promise<Stripe> {
  const factory = await loadStripeJs(src, nonce);
  let stripe = instances.get(publishableKey);
  if (!stripe) instances.set(publishableKey, (stripe = factory(publishableKey)));
  return stripe;
}

/** Starts the download early (when the debtor presses "Pay"), so it overlaps the server's answer. */
export function preloadStripeJs(src: string, nonce: string): void {
  loadStripeJs(src, nonce).catch(() => {});
}

/** The page's nonce: the server render has it in context; in the browser, the scripts Remix rendered carry it. */
export function pageNonce(fromContext: string): string {
  return fromContext || document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce || '';
}
