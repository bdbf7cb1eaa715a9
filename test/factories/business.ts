import { business } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { randomSiren, TEST_IBAN, uniqueSuffix, vatFromSiren } from './ids';

export type BusinessRow = typeof business.$inferSelect;

/** A French business (SIREN, VAT number, IBAN, Lyon address, Europe/Paris) with default settings. */
export async function createBusiness(
  overrides: Partial<typeof business.$inferInsert> = {},
): Promise<BusinessRow> {
  const siren = randomSiren();
  const [row] = await db()
    .insert(business)
    .values({
      name: `Atelier Test ${uniqueSuffix()}`,
      legalForm: 'SARL au capital de 10 000 €',
      siren,
      vatNumber: vatFromSiren(siren),
      addressLine1: '14 rue des Tanneurs',
      postalCode: '69002',
      city: 'Lyon',
      country: 'FR',
      email: `compta-${uniqueSuffix()}@atelier.test`,
      phone: '+33 4 78 00 00 00',
      iban: TEST_IBAN,
      bic: 'AGRIFRPP',
      timeZone: 'Europe/Paris',
      locale: 'fr',
      defaultCurrency: 'EUR',
      defaultTermsDays: 30,
      ...overrides,
    })
    .returning();
  return row!;
}
