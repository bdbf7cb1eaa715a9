import type Stripe from 'stripe';
import { expect } from 'vitest';

/** The Stripe error a promise is expected to reject with (the test fails if it resolves). */
export const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a Stripe error'),
    (error: unknown) => error as Stripe.errors.StripeError,
  );

/** A PaymentIntent as the app creates one for an invoice. */
export const invoicePayment = {
  amount: 12_000,
  currency: 'eur',
  allowed_payment_method_types: ['card'],
  metadata: { invoice_id: 'inv_1' },
};
