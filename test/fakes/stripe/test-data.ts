import type { Behaviour } from './store';

/**
 * Stripe's documented test data (docs.stripe.com/testing), so the same card numbers, `pm_card_*` ids, IBANs and
 * bank accounts behave here as they do in Stripe's test mode.
 */
export interface TestCard {
  number: string;
  brand: string;
  funding: 'credit' | 'debit';
  country: string;
  behaviour: Behaviour;
}

const declined = (declineCode: string, message = 'Your card was declined.'): Behaviour => ({
  kind: 'declines',
  code: 'card_declined',
  declineCode,
  message,
  onAttach: true,
});

const CARDS: Record<string, TestCard> = {
  pm_card_visa: {
    number: '4242424242424242',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'succeeds' },
  },
  pm_card_visa_debit: {
    number: '4000056655665556',
    brand: 'visa',
    funding: 'debit',
    country: 'US',
    behaviour: { kind: 'succeeds' },
  },
  pm_card_mastercard: {
    number: '5555555555554444',
    brand: 'mastercard',
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'succeeds' },
  },
  pm_card_amex: {
    number: '378282246310005',
    brand: 'amex',
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'succeeds' },
  },
  pm_card_fr: {
    number: '4000002500000003',
    brand: 'visa',
    funding: 'credit',
    country: 'FR',
    behaviour: { kind: 'succeeds' },
  },
  pm_card_chargeDeclined: {
    number: '4000000000000002',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('generic_decline'),
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    number: '4000000000009995',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('insufficient_funds', 'Your card has insufficient funds.'),
  },
  pm_card_chargeDeclinedLostCard: {
    number: '4000000000009987',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('lost_card'),
  },
  pm_card_chargeDeclinedStolenCard: {
    number: '4000000000009979',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: declined('stolen_card'),
  },
  pm_card_chargeDeclinedExpiredCard: {
    number: '4000000000000069',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: {
      kind: 'declines',
      code: 'expired_card',
      declineCode: 'expired_card',
      message: 'Your card has expired.',
      onAttach: true,
    },
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    number: '4000000000000127',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: {
      kind: 'declines',
      code: 'incorrect_cvc',
      declineCode: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
      onAttach: true,
    },
  },
  // Attaching succeeds; every charge declines: a saved card that later fails (installments).
  pm_card_chargeCustomerFail: {
    number: '4000000000000341',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: { ...declined('generic_decline'), onAttach: false } as Behaviour,
  },
  pm_card_authenticationRequired: {
    number: '4000002760003184',
    brand: 'visa',
    funding: 'credit',
    country: 'DE',
    behaviour: { kind: 'authentication', when: 'always' },
  },
  pm_card_threeDSecure2Required: {
    number: '4000000000003220',
    brand: 'visa',
    funding: 'credit',
    country: 'US',
    behaviour: { kind: 'authentication', when: 'always' },
  },
  // 3DS on the first (on-session) payment or setup; later off-session charges succeed: the installment card.
  pm_card_authenticationRequiredOnSetup: {
    number: '4000002500003155',
    brand: 'visa',
    funding: 'credit',
    country: 'IE',
    behaviour: { kind: 'authentication', when: 'on_setup' },
  },
};

export function testCardById(id: string): TestCard | undefined {
  return Object.hasOwn(CARDS, id) ? CARDS[id] : undefined;
}

/** A typed card number (Stripe.js, or raw card data) -> its test behaviour. Luhn-valid non-test numbers decline. */
export function testCardByNumber(number: string): TestCard | undefined {
  return Object.values(CARDS).find((card) => card.number === number);
}

export const LIVE_CARD_IN_TEST_MODE: Behaviour = declined(
  'test_mode_live_card',
  'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
);

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Stripe's test IBANs that fail once processing ends; any other valid IBAN succeeds. */
const FAILING_IBANS = new Set([
  'AT861904300235473202',
  'DE62370400440532013001',
  'FR8420041010050500013M02607',
  'NL28RABO0300065265',
]);

export function ibanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}

export function sepaBehaviour(iban: string): Behaviour {
  return FAILING_IBANS.has(iban)
    ? { kind: 'bank_debit', outcome: 'failed', failureCode: 'insufficient_funds' }
    : { kind: 'bank_debit', outcome: 'succeeded' };
}

/** Stripe's ACH test accounts (routing 110000000). */
const ACH_FAILURES: Record<string, string> = {
  '000111111113': 'account_closed',
  '000111111116': 'no_account',
  '000222222227': 'insufficient_funds',
  '000333333335': 'debit_not_authorized',
};

export function achBehaviour(accountNumber: string): Behaviour {
  const failureCode = ACH_FAILURES[accountNumber];
  return failureCode
    ? { kind: 'bank_debit', outcome: 'failed', failureCode }
    : { kind: 'bank_debit', outcome: 'succeeded' };
}
