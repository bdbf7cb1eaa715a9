import { describe, expect, it } from 'vitest';
import { randomSiren, TEST_IBAN } from '../../../test/factories/ids';
import { formatIban, isValidBic, isValidIban, isValidSiren } from './bank-ids';

describe('IBAN (mod 97)', () => {
  it.each([
    TEST_IBAN,
    'FR7630006000011234567890189',
    'fr76 3000 6000 0112 3456 7890 189',
    'DE89 3704 0044 0532 0130 00',
    'GB82 WEST 1234 5698 7654 32',
    'BE68 5390 0754 7034',
  ])('accepts %s', (iban) => expect(isValidIban(iban)).toBe(true));

  it.each([
    'FR7630006000011234567890188',
    'FR76 3000 6000 0112 3456 7890 18',
    'DE88 3704 0044 0532 0130 00',
    'GB82 WEST 1234 5698 7654 33',
    '76FR30006000011234567890189',
    'FR76 3000 6000 0112 3456 7890 189!',
    '',
  ])('refuses %j', (iban) => expect(isValidIban(iban)).toBe(false));

  it('prints groups of four', () => {
    expect(formatIban('fr7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
  });
});

describe('BIC and SIREN', () => {
  it.each(['AGRIFRPP', 'AGRIFRPP882', 'bnpa fr pp'])('BIC %s', (bic) => expect(isValidBic(bic)).toBe(true));
  it.each(['AGRIFRP', 'AGRIFRPP88', '1GRIFRPP', 'AGRI-FRPP'])('not a BIC: %s', (bic) =>
    expect(isValidBic(bic)).toBe(false),
  );
  it('a SIREN passes Luhn, a changed digit does not', () => {
    const siren = randomSiren();
    expect(isValidSiren(siren)).toBe(true);
    expect(isValidSiren(`${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`)).toBe(true);
    const last = Number(siren[8]);
    expect(isValidSiren(siren.slice(0, 8) + String((last + 1) % 10))).toBe(false);
    expect(isValidSiren('12345678')).toBe(false);
  });
});
