import { randomInt } from 'node:crypto';

/** A short random suffix that keeps emails and names unique within a test database. */
export function uniqueSuffix(): string {
  return randomInt(36 ** 6)
    .toString(36)
    .padStart(6, '0');
}

/** A SIREN (9 digits) that passes the Luhn check, as real ones do. */
export function randomSiren(): string {
  const digits = Array.from({ length: 8 }, () => randomInt(10));
  const sum = (list: number[]) =>
    list.reduceRight((acc, d, i) => {
      // From the right, counting the check digit as position 1: double every second digit.
      const doubled = (list.length - i) % 2 === 1 ? d * 2 : d;
      return acc + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
  const check = (10 - (sum(digits) % 10)) % 10;
  return [...digits, check].join('');
}

/** The French intra-EU VAT number derived from a SIREN: FR + key + SIREN. */
export function vatFromSiren(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

/** A well-formed French IBAN (the Banque de France example; its checksum is valid). */
export const TEST_IBAN = 'FR76 3000 6000 0112 3456 7890 189';
