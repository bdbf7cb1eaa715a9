import { invalidRequest } from './errors';
import { string } from './params';

/** Stripe's minimum charge per currency (in minor units), for the currencies a small European/US business meets. */
const MINIMUM: Record<string, number> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  chf: 50,
  cad: 50,
  aud: 50,
  nzd: 50,
  sgd: 50,
  jpy: 50,
  hkd: 400,
  sek: 300,
  nok: 300,
  dkk: 250,
  pln: 200,
  czk: 1500,
  huf: 17500,
  ron: 200,
  bgn: 100,
  mxn: 1000,
  brl: 50,
  inr: 50,
  aed: 200,
  thb: 1000,
};
/** Accepted too, with a minimum worth about USD 0.50 assumed to be 50 minor units. */
const OTHER = [
  'isk',
  'ils',
  'mad',
  'try',
  'zar',
  'krw',
  'xof',
  'xaf',
  'tnd',
  'myr',
  'php',
  'idr',
  'cny',
  'twd',
];
const ZERO_DECIMAL = new Set(['jpy', 'krw', 'xof', 'xaf', 'isk']);
const SUPPORTED = new Set([...Object.keys(MINIMUM), ...OTHER]);

/** A three-letter ISO code Stripe supports; Stripe lowercases what it is sent. */
export function currency() {
  const inner = string();
  return {
    required: false as const,
    parse: (value: Parameters<typeof inner.parse>[0], param: string) => {
      const code = inner.parse(value, param).toLowerCase();
      if (!SUPPORTED.has(code)) {
        throw invalidRequest(
          `Invalid currency: ${code}. Stripe currently supports these currencies: ${[...SUPPORTED].sort().join(', ')}`,
          { param },
        );
      }
      return code;
    },
  };
}

export function formatAmount(minor: number, code: string): string {
  const major = ZERO_DECIMAL.has(code) ? minor : minor / 100;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: code.toUpperCase() }).format(major);
}

/** Stripe refuses charges below the currency's minimum and above 99,999,999 minor units. */
export function checkAmount(amount: number, code: string, param = 'amount'): void {
  const min = MINIMUM[code] ?? 50;
  if (amount < min) {
    throw invalidRequest(`Amount must be at least ${formatAmount(min, code)} ${code}`, {
      code: 'amount_too_small',
      param,
    });
  }
  if (amount > 99_999_999) {
    throw invalidRequest(`Amount must be no more than ${formatAmount(99_999_999, code)}`, {
      code: 'amount_too_large',
      param,
    });
  }
}
