import type { business, customers } from '#db/schema/index';
import type { PartySnapshot } from './types';

type BusinessRow = typeof business.$inferSelect;
type CustomerRow = typeof customers.$inferSelect;

const lines = (...parts: (string | null | undefined)[]) =>
  parts.filter((p): p is string => Boolean(p?.trim()));

export function sellerSnapshot(b: BusinessRow): PartySnapshot {
  return {
    name: b.name,
    legalForm: b.legalForm,
    siren: b.siren,
    vatNumber: b.vatNumber,
    addressLines: lines(b.addressLine1, b.addressLine2, `${b.postalCode} ${b.city}`),
    country: b.country,
    email: b.email,
    phone: b.phone,
  };
}

export function buyerSnapshot(c: CustomerRow): PartySnapshot {
  return {
    name: c.legalName || c.name,
    siren: c.siren,
    vatNumber: c.vatNumber,
    addressLines: lines(c.addressLine1, c.addressLine2, lines(c.postalCode, c.city).join(' ')),
    country: c.country,
  };
}
