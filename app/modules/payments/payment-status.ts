import type Stripe from 'stripe';

export type PaymentStatus =
  'requires_payment_method' | 'requires_action' | 'processing' | 'succeeded' | 'failed' | 'canceled';

/** Our view of a PaymentIntent's status. A declined attempt leaves the PI reusable; we call that row 'failed'. */
export function paymentStatusOf(
  pi: Pick<Stripe.PaymentIntent, 'status' | 'last_payment_error'>,
): PaymentStatus {
  switch (pi.status) {
    case 'succeeded':
      return 'succeeded';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'canceled':
      return 'canceled';
    case 'requires_action':
      return 'requires_action';
    default:
      return pi.last_payment_error ? 'failed' : 'requires_payment_method';
  }
}

/** Statuses in which the PaymentIntent can still be confirmed, so a returning debtor reuses it. */
export const REUSABLE: PaymentStatus[] = ['requires_payment_method', 'requires_action', 'failed'];
