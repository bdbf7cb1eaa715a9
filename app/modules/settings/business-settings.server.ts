import { eq } from 'drizzle-orm';
import { business } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import type { BusinessSettings } from './settings-form.server';

type Row = typeof business.$inferSelect;

/** The settings as stored, in the form's shape (penalty rate in basis points). */
export function settingsOf(b: Row): BusinessSettings {
  return {
    name: b.name,
    legalForm: b.legalForm,
    siren: b.siren,
    vatNumber: b.vatNumber,
    addressLine1: b.addressLine1,
    addressLine2: b.addressLine2,
    postalCode: b.postalCode,
    city: b.city,
    country: b.country,
    email: b.email,
    phone: b.phone,
    iban: b.iban,
    bic: b.bic,
    defaultTermsDays: b.defaultTermsDays,
    penaltyRate: b.penaltyRateBps,
    defaultVatExemption: b.defaultVatExemption,
    emailFromName: b.emailFromName,
    emailReplyTo: b.emailReplyTo,
  };
}

/** What the settings page shows: the form's text values, the logo and the currency. */
export async function loadBusinessSettings(db: DbOrTx, businessId: string) {
  const [b] = await db.select().from(business).where(eq(business.id, businessId));
  if (!b) throw new Response('Not found', { status: 404 });
  const s = settingsOf(b);
  const text = Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, v === null ? '' : String(v)]),
  ) as Record<keyof BusinessSettings, string>;
  if (s.penaltyRate !== null) text.penaltyRate = (s.penaltyRate / 100).toFixed(2).replace(/\.?0+$/, '');
  return { values: text, logoUrl: b.logoUrl };
}
