import { useFetcher } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';

/** Shared by the redirect return below and the payment panel, which shows its progress. */
export const RETURNED_FETCHER = 'payment-returned';
const RETURN_PARAMS = ['payment_intent', 'payment_intent_client_secret', 'redirect_status'];

/** The page URL without the parameters Stripe adds when it comes back from a bank's page. */
export function cleanUrl(): URL {
  const url = new URL(window.location.href);
  for (const p of RETURN_PARAMS) url.searchParams.delete(p);
  return url;
}

/**
 * After a redirect-based method, Stripe comes back with ?payment_intent=…&redirect_status=…: tell the server once
 * (it reads the PaymentIntent from Stripe itself), then take the parameters out of the address bar.
 */
export function usePaymentReturn(csrf: string): 'succeeded' | 'failed' | null {
  const fetcher = useFetcher({ key: RETURNED_FETCHER });
  const [outcome, setOutcome] = useState<'succeeded' | 'failed' | null>(null);
  const done = useRef(false);
  useEffect(() => {
    const params = new URL(window.location.href).searchParams;
    const id = params.get('payment_intent');
    if (done.current || !id) return;
    done.current = true;
    window.history.replaceState(window.history.state, '', cleanUrl());
    setOutcome(params.get('redirect_status') === 'failed' ? 'failed' : 'succeeded');
    if (/^pi_\w+$/.test(id))
      fetcher.submit({ csrf, intent: 'payment-returned', paymentIntentId: id }, { method: 'post' });
  }, [csrf, fetcher]);
  return outcome;
}
