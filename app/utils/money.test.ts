import { describe, expect, test } from 'vitest';
import { formatMoney, isCurrency, minorDigits, minorToDecimal, parseDecimal, roundDiv } from './money';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  test('formats minor units for the locale with Intl', () => {
    expect(nbsp(formatMoney(628800, 'EUR', 'fr-FR'))).toBe('6 288,00 €');
    expect(formatMoney(628800, 'EUR', 'en-GB')).toBe('€6,288.00');
    expect(formatMoney(1234, 'JPY', 'en-GB')).toBe('JP¥1,234');
    expect(formatMoney(5, 'EUR', 'en-GB')).toBe('€0.05');
  });

  test('knows each currency’s minor unit and refuses unknown codes', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('XXY')).toBe(false);
    expect(isCurrency('eur')).toBe(false);
  });

  test('parses what people type into an integer with the given scale, without floats', () => {
    expect(parseDecimal('1234.5', 2)).toBe(123450);
    expect(parseDecimal('1 234,56', 2)).toBe(123456);
    expect(parseDecimal('0.1', 2)).toBe(10);
    expect(parseDecimal('12', 3)).toBe(12000);
    expect(parseDecimal('-3,5', 1)).toBe(-35);
    expect(parseDecimal('1.005', 2)).toBeNull(); // more decimals than the currency has
    expect(parseDecimal('abc', 2)).toBeNull();
    expect(parseDecimal('1e3', 2)).toBeNull();
    expect(parseDecimal('', 2)).toBeNull();
    expect(parseDecimal('99999999999999999', 2)).toBeNull(); // beyond safe integers
  });

  test('minorToDecimal is parseDecimal’s inverse', () => {
    expect(minorToDecimal(123456, 'EUR')).toBe('1234.56');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(1234, 'JPY')).toBe('1234');
    expect(parseDecimal(minorToDecimal(987654321, 'EUR'), 2)).toBe(987654321);
  });

  test('roundDiv rounds halves up', () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
  });
});
