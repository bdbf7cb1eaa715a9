/**
 * The ISO 11649 structured creditor reference ("RF" + two check digits + up to 21 letters and digits) for an
 * invoice number. Banks across SEPA validate it, so a payer's typo is caught at the bank instead of leaving an
 * unmatched transfer.
 */
export function creditorReference(invoiceNumber: string): string {
  const reference = invoiceNumber
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 21);
  const digits = `${reference}RF00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  const check = String(98 - remainder).padStart(2, '0');
  return `RF${check}${reference}`;
}

/** RF references are printed in groups of four, as on a payment slip. */
export function formatCreditorReference(reference: string): string {
  return reference.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Whether a structured reference's check digits are right (ISO 7064 mod 97-10). */
export function isValidCreditorReference(reference: string): boolean {
  const compact = reference.replace(/\s/g, '').toUpperCase();
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(compact)) return false;
  const digits = `${compact.slice(4)}${compact.slice(0, 4)}`.replace(/[A-Z]/g, (c) =>
    String(c.charCodeAt(0) - 55),
  );
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}
