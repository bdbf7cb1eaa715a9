/** Money is an integer count of minor units plus an ISO 4217 currency. These helpers never use floats for sums. */

export type Money = { amountMinor: number; currency: string };

const SUPPORTED = new Set(
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('currency')
    : ['EUR', 'USD', 'GBP', 'CHF'],
);

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && SUPPORTED.has(code);
}

// Building an Intl formatter costs far more than using one: pages format dozens of amounts, so keep them.
const digitsCache = new Map<string, number>();
const moneyFormats = new Map<string, Intl.NumberFormat>();
const formatted = new Map<string, string>();
const FORMATTED_MAX = 10_000;

/** Number of decimals of the currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  // ICU formatting costs microseconds a call and a page shows the same few amounts: keep recent results.
  const memoKey = `${key}|${amountMinor}`;
  let text = formatted.get(memoKey);
  if (text === undefined) {
    // Dividing for display only; the value shown is exact because digits <= 3 and amounts are < 2^53.
    text = format.format(amountMinor / 10 ** digits);
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    formatted.set(memoKey, text);
  }
  return text;
}

/** Minor units to a plain decimal string (1234 EUR -> "12.34"), e.g. to prefill an input. */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0;
  const s = Math.abs(amountMinor)
    .toString()
    .padStart(digits + 1, '0');
  const whole = digits ? s.slice(0, -digits) : s;
  const frac = digits ? `.${s.slice(-digits)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/**
 * Parses a decimal typed by a person ("1 234,50", "1234.5", "12") into an integer with `scale` decimals,
 * without floating point. Returns null for anything that is not a plain decimal with at most `scale` decimals.
 */
export function parseDecimal(input: string, scale: number): number | null {
  const cleaned = input.trim().replace(/[\s\u00a0\u202f']/g, '');
  const m = /^(-?)(\d{1,15})(?:[.,](\d*))?$/.exec(cleaned);
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  if (frac.length > scale) return null;
  const value = Number(whole) * 10 ** scale + Number(frac.padEnd(scale, '0') || '0');
  if (!Number.isSafeInteger(value)) return null;
  return sign === '-' ? -value : value;
}

/** Rounds a non-negative rational numerator/denominator to the nearest integer, halves up (commercial rounding). */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const sign = numerator < 0n ? -1n : 1n;
  const n = numerator < 0n ? -numerator : numerator;
  return sign * ((2n * n + denominator) / (2n * denominator));
}
