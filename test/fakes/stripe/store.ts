import type Stripe from 'stripe';

/** How a test payment method behaves when charged: Stripe's test cards, IBANs and bank accounts. */
export type Behaviour =
  | { kind: 'succeeds' }
  | { kind: 'declines'; code: string; declineCode?: string; message: string; onAttach?: boolean }
  /** `always`: every on-session payment asks for 3DS and off-session ones fail; `on_setup`: only until set up. */
  | { kind: 'authentication'; when: 'always' | 'on_setup' }
  /** SEPA and ACH debits: `processing` until `fake.settle()`; `outcome` is what auto-settling would pick. */
  | { kind: 'bank_debit'; outcome: 'succeeded' | 'failed'; failureCode?: string };

export interface PaymentMethodRecord {
  object: Stripe.PaymentMethod;
  behaviour: Behaviour;
  /** Used in a payment while not attached to a customer: Stripe refuses to use it again. */
  consumed: boolean;
  /** Authenticated for later off-session use (SetupIntent, or a PaymentIntent with setup_future_usage). */
  setUpForOffSession: boolean;
  /** A SEPA/ACH mandate accepted by the customer, needed for later off-session debits. */
  mandate: string | null;
}

/** Everything the fake knows, keyed by id. Objects are kept in Stripe's public shape and cloned on the way out. */
export class Store {
  readonly paymentIntents = new Map<string, Stripe.PaymentIntent>();
  readonly customers = new Map<string, Stripe.Customer>();
  readonly paymentMethods = new Map<string, PaymentMethodRecord>();
  readonly setupIntents = new Map<string, Stripe.SetupIntent>();
  readonly charges = new Map<string, Stripe.Charge>();
  readonly refunds = new Map<string, Stripe.Refund>();
  readonly disputes = new Map<string, Stripe.Dispute>();

  clear(): void {
    for (const map of [
      this.paymentIntents,
      this.customers,
      this.paymentMethods,
      this.setupIntents,
      this.charges,
      this.refunds,
      this.disputes,
    ]) {
      map.clear();
    }
  }

  /** Finds any object by id, for `expand[]`: the id's prefix says which map. */
  byId(id: string): { object: string } | undefined {
    if (id.startsWith('pi_')) return this.paymentIntents.get(id);
    if (id.startsWith('cus_')) return this.customers.get(id);
    if (id.startsWith('pm_')) return this.paymentMethods.get(id)?.object;
    if (id.startsWith('seti_')) return this.setupIntents.get(id);
    if (id.startsWith('ch_') || id.startsWith('py_')) return this.charges.get(id);
    if (id.startsWith('re_')) return this.refunds.get(id);
    if (id.startsWith('dp_') || id.startsWith('du_')) return this.disputes.get(id);
    return undefined;
  }
}

export const clone = <T>(value: T): T => structuredClone(value);
