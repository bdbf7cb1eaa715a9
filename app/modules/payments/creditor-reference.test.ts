import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { creditorReference, formatCreditorReference, isValidCreditorReference } from './creditor-reference';

describe('ISO 11649 creditor reference', () => {
  test('matches the standard’s worked example', () => {
    // ISO 11649: the reference 539007547034 gives RF18 5390 0754 7034.
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(formatCreditorReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  test('any invoice number gives a reference the check digits accept, and a typo is caught', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9-]{1,24}$/).filter((s) => /[A-Z0-9]/.test(s)),
        (number) => {
          const ref = creditorReference(number);
          expect(isValidCreditorReference(ref)).toBe(true);
          // A typo keeps the kind of character: a digit for a digit, a letter for a letter (mod 97-10 then
          // always catches it; a letter for a digit changes the number of digits checked and may not be).
          const last = ref.at(-1)!;
          const other = /\d/.test(last)
            ? String((Number(last) + 1) % 10)
            : last === 'Z'
              ? 'A'
              : String.fromCharCode(last.charCodeAt(0) + 1);
          const typo = ref.slice(0, -1) + other;
          expect(isValidCreditorReference(typo)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
    expect(creditorReference('2026-000017')).toMatch(/^RF\d{2}2026000017$/);
    // The counterexample fast-check once found for the earlier, wrong typo rule.
    expect(isValidCreditorReference(creditorReference('2E'))).toBe(true);
    expect(isValidCreditorReference(`${creditorReference('2E').slice(0, -1)}F`)).toBe(false);
  });
});
