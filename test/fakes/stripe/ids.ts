import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChars(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Stripe-looking ids (`pi_3Q…`, `cus_…`): the prefix is what code and people recognise; the rest is random. */
export function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomChars(length)}`;
}

/** Stripe's client secrets are the object's id, `_secret_`, and a random tail. */
export function newClientSecret(objectId: string): string {
  return `${objectId}_secret_${randomChars(25)}`;
}

export function newRequestId(): string {
  return newId('req', 14);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
