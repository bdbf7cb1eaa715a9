import type Stripe from 'stripe';
import { invalidRequest } from './errors';
import { newClientSecret, newId, nowSeconds } from './ids';

export type MethodType = 'card' | 'sepa_debit' | 'us_bank_account';
/** Bank debits work in one currency each. */
const DEBIT_CURRENCY: Partial<Record<MethodType, string>> = { sepa_debit: 'eur', us_bank_account: 'usd' };

/**
 * The pinned API version takes `allowed_payment_method_types` / `excluded_payment_method_types`, and answers
 * in `payment_method_types` the allowed ones that suit the currency. Without a list: the account's automatic
 * methods, here card plus the currency's bank debit (SEPA for EUR, ACH for USD).
 */
export function methodTypesFor(
  code: string,
  allowed?: MethodType[] | null,
  excluded?: MethodType[] | null,
): MethodType[] {
  const base: MethodType[] = allowed ?? ['card', 'sepa_debit', 'us_bank_account'];
  const types = base.filter((type) => (DEBIT_CURRENCY[type] ?? code) === code && !excluded?.includes(type));
  if (types.length === 0) {
    throw invalidRequest(
      `None of the payment method types allowed for this PaymentIntent (${base.join(', ')}) supports the currency ${code}: sepa_debit takes eur only, us_bank_account usd only.`,
      {
        code: 'payment_intent_invalid_parameter',
        param: allowed ? 'allowed_payment_method_types' : 'currency',
      },
    );
  }
  return types;
}

export interface NewPaymentIntent {
  amount: number;
  currency: string;
  types: MethodType[];
  /** automatic_payment_methods.allow_redirects, or null when the types were listed. */
  automatic: 'always' | 'never' | null;
  customer?: string;
  description?: string | null;
  metadata?: Record<string, string> | null;
  receipt_email?: string | null;
  setup_future_usage?: 'off_session' | 'on_session';
  statement_descriptor?: string | null;
  statement_descriptor_suffix?: string | null;
  capture_method?: 'automatic' | 'automatic_async';
  allowed_payment_method_types?: MethodType[];
  excluded_payment_method_types?: MethodType[] | null;
}

/** A new PaymentIntent in Stripe's shape for the pinned API version, every field present. */
export function newPaymentIntent(f: NewPaymentIntent): Stripe.PaymentIntent {
  const id = newId('pi');
  const pi: Stripe.PaymentIntent = {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: f.allowed_payment_method_types ?? null,
    amount: f.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: f.automatic ? { allow_redirects: f.automatic, enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: f.capture_method ?? 'automatic_async',
    client_secret: newClientSecret(id),
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency: f.currency,
    customer: f.customer ?? null,
    customer_account: null,
    description: f.description ?? null,
    excluded_payment_method_types: f.excluded_payment_method_types ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: f.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: Object.fromEntries(f.types.map((t) => [t, {}])),
    payment_method_types: f.types,
    payment_record: null,
    processing: null,
    receipt_email: f.receipt_email ?? null,
    review: null,
    setup_future_usage: f.setup_future_usage ?? null,
    shipping: null,
    source: null,
    statement_descriptor: f.statement_descriptor ?? null,
    statement_descriptor_suffix: f.statement_descriptor_suffix ?? null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  return pi;
}
