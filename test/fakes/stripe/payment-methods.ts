import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { Ctx } from './context';
import { invalidRequest, resourceMissing, StripeFakeError } from './errors';
import { newId, nowSeconds } from './ids';
import { hash, integer, metadata, nullableString, oneOf, required, string, type Parsed } from './params';
import type { PaymentMethodRecord } from './store';
import {
  achBehaviour,
  ibanValid,
  LIVE_CARD_IN_TEST_MODE,
  luhnValid,
  sepaBehaviour,
  testCardById,
  testCardByNumber,
  type TestCard,
} from './test-data';

export const billingDetails = hash({
  name: nullableString(),
  email: nullableString(),
  phone: nullableString(),
  address: hash({
    city: nullableString(),
    country: nullableString(),
    line1: nullableString(),
    line2: nullableString(),
    postal_code: nullableString(),
    state: nullableString(),
  }),
});

/** What `POST /v1/payment_methods` and `payment_method_data` on intents accept. */
export const paymentMethodDataSpec = {
  type: required(oneOf('card', 'sepa_debit', 'us_bank_account')),
  card: hash({ number: string(), exp_month: integer(), exp_year: integer(), cvc: string() }),
  sepa_debit: hash({ iban: required(string()) }),
  us_bank_account: hash({
    account_number: string(),
    routing_number: string(),
    account_holder_type: oneOf('individual', 'company'),
    account_type: oneOf('checking', 'savings'),
  }),
  billing_details: billingDetails,
  metadata: metadata(),
  allow_redisplay: oneOf('always', 'limited', 'unspecified'),
};
export type PaymentMethodData = Parsed<typeof paymentMethodDataSpec>;

const fingerprint = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 16);

const cardError = (code: string, message: string, param: string) =>
  new StripeFakeError(402, { type: 'card_error', code, message, param });

function baseObject(type: string, data: Partial<PaymentMethodData>): Stripe.PaymentMethod {
  const b = data.billing_details ?? {};
  const a = b.address ?? {};
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: data.allow_redisplay ?? 'unspecified',
    billing_details: {
      address: {
        city: a.city ?? null,
        country: a.country ?? null,
        line1: a.line1 ?? null,
        line2: a.line2 ?? null,
        postal_code: a.postal_code ?? null,
        state: a.state ?? null,
      },
      email: b.email ?? null,
      name: b.name ?? null,
      phone: b.phone ?? null,
      tax_id: null,
    },
    created: nowSeconds(),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: data.metadata ?? {},
    type,
  };
}

function cardRecord(
  card: TestCard | undefined,
  number: string,
  expMonth: number,
  expYear: number,
  data: Partial<PaymentMethodData>,
): PaymentMethodRecord {
  const object = baseObject('card', data);
  object.card = {
    brand: card?.brand ?? 'visa',
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: card?.country ?? 'US',
    display_brand: card?.brand ?? 'visa',
    exp_month: expMonth,
    exp_year: expYear,
    fingerprint: fingerprint(number),
    funding: card?.funding ?? 'credit',
    generated_from: null,
    last4: number.slice(-4),
    networks: { available: [card?.brand ?? 'visa'], preferred: null },
    regulated_status: 'unregulated',
    three_d_secure_usage: { supported: true },
    wallet: null,
  } as Stripe.PaymentMethod.Card;
  const behaviour = card?.behaviour ?? LIVE_CARD_IN_TEST_MODE;
  return { object, behaviour, consumed: false, setUpForOffSession: false, mandate: null };
}

function requireBilling(
  data: Partial<PaymentMethodData>,
  fields: Array<'name' | 'email'>,
  type: string,
): void {
  for (const field of fields) {
    if (!data.billing_details?.[field]) {
      throw invalidRequest(
        `Missing required param: billing_details[${field}]. ${type} PaymentMethods need it.`,
        {
          code: 'parameter_missing',
          param: `billing_details[${field}]`,
        },
      );
    }
  }
}

/** Creates a PaymentMethod from card / IBAN / bank account data, validating it as Stripe does. */
export function createPaymentMethod(ctx: Ctx, data: PaymentMethodData): PaymentMethodRecord {
  let record: PaymentMethodRecord;
  if (data.type === 'card') {
    const card = data.card;
    if (!card?.number)
      throw invalidRequest('Missing required param: card[number].', {
        code: 'parameter_missing',
        param: 'card[number]',
      });
    // Stripe refuses raw card numbers from servers unless the account is specially enabled; Stripe.js sends them.
    if (ctx.auth.kind === 'secret') {
      throw invalidRequest(
        'Sending credit card numbers directly to the Stripe API is generally unsafe. We suggest you use test tokens that map to the test card you are using, see https://stripe.com/docs/testing.',
      );
    }
    const number = card.number.replace(/\s+/g, '');
    if (!luhnValid(number)) throw cardError('incorrect_number', 'Your card number is incorrect.', 'number');
    const month = card.exp_month ?? 0;
    const year =
      card.exp_year !== undefined && card.exp_year < 100 ? 2000 + card.exp_year : (card.exp_year ?? 0);
    if (month < 1 || month > 12)
      throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
    const now = new Date();
    if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
      throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
    }
    if (!/^\d{3,4}$/.test(card.cvc ?? ''))
      throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
    record = cardRecord(testCardByNumber(number), number, month, year, data);
  } else if (data.type === 'sepa_debit') {
    const iban = (data.sepa_debit?.iban ?? '').replace(/\s+/g, '').toUpperCase();
    if (!ibanValid(iban)) {
      throw invalidRequest(`The IBAN you provided (${iban}) is invalid.`, {
        code: 'invalid_bank_account_iban',
        param: 'sepa_debit[iban]',
      });
    }
    requireBilling(data, ['name', 'email'], 'sepa_debit');
    const object = baseObject('sepa_debit', data);
    object.sepa_debit = {
      bank_code: iban.slice(4, 12),
      branch_code: '',
      country: iban.slice(0, 2),
      fingerprint: fingerprint(iban),
      generated_from: { charge: null, setup_attempt: null },
      last4: iban.slice(-4),
    };
    record = {
      object,
      behaviour: sepaBehaviour(iban),
      consumed: false,
      setUpForOffSession: false,
      mandate: null,
    };
  } else {
    const account = data.us_bank_account;
    if (!account?.routing_number || !/^\d{9}$/.test(account.routing_number)) {
      throw invalidRequest('Routing number must have 9 digits.', {
        param: 'us_bank_account[routing_number]',
      });
    }
    if (!account.account_number || !/^\d{4,17}$/.test(account.account_number)) {
      throw invalidRequest('Account number must have 4 to 17 digits.', {
        param: 'us_bank_account[account_number]',
      });
    }
    requireBilling(data, ['name'], 'us_bank_account');
    const object = baseObject('us_bank_account', data);
    object.us_bank_account = {
      account_holder_type: account.account_holder_type ?? 'individual',
      account_type: account.account_type ?? 'checking',
      bank_name: 'STRIPE TEST BANK',
      financial_connections_account: null,
      fingerprint: fingerprint(account.routing_number + account.account_number),
      last4: account.account_number.slice(-4),
      networks: { preferred: 'ach', supported: ['ach'] },
      routing_number: account.routing_number,
      status_details: null,
    } as Stripe.PaymentMethod.UsBankAccount;
    record = {
      object,
      behaviour: achBehaviour(account.account_number),
      consumed: false,
      setUpForOffSession: false,
      mandate: null,
    };
  }
  ctx.store.paymentMethods.set(record.object.id, record);
  return record;
}

/**
 * A `payment_method` parameter: a stored `pm_…`, or one of Stripe's test ids (`pm_card_visa` ...), which, as on
 * Stripe, makes a new PaymentMethod each time it is used.
 */
export function resolvePaymentMethod(ctx: Ctx, ref: string, param = 'payment_method'): PaymentMethodRecord {
  const card = testCardById(ref);
  if (card) {
    const record = cardRecord(card, card.number, 12, new Date().getFullYear() + 3, {});
    ctx.store.paymentMethods.set(record.object.id, record);
    return record;
  }
  const record = ctx.store.paymentMethods.get(ref);
  if (!record) throw resourceMissing('PaymentMethod', ref, param);
  return record;
}

/** Refuses a method Stripe would: single-use ones already spent, and ones saved on another customer. */
export function assertUsable(
  record: PaymentMethodRecord,
  customer: string | null,
  param = 'payment_method',
): void {
  const owner = record.object.customer as string | null;
  if (record.consumed && !owner) {
    throw invalidRequest(
      'This PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.',
      { param },
    );
  }
  if (owner && owner !== customer) {
    throw invalidRequest(
      customer
        ? `The provided PaymentMethod belongs to a different Customer (${owner}) than the one provided (${customer}).`
        : `The provided PaymentMethod is attached to a Customer (${owner}). Pass the customer parameter to use it.`,
      { param },
    );
  }
}

export function attachToCustomer(ctx: Ctx, record: PaymentMethodRecord, customerId: string): void {
  if (record.object.customer === customerId) return;
  record.object.customer = customerId;
  ctx.emit('payment_method.attached', record.object);
}
