import { contacts, customers } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { randomSiren, uniqueSuffix, vatFromSiren } from './ids';

export type CustomerRow = typeof customers.$inferSelect & { contacts: (typeof contacts.$inferSelect)[] };

/** A French company customer with a billing contact and an accounts-payable contact (who is copied). */
export async function createCustomer(
  businessId: string,
  overrides: Partial<typeof customers.$inferInsert> = {},
): Promise<CustomerRow> {
  const siren = randomSiren();
  const suffix = uniqueSuffix();
  const [row] = await db()
    .insert(customers)
    .values({
      businessId,
      name: `Boulangerie ${suffix}`,
      siren,
      vatNumber: vatFromSiren(siren),
      addressLine1: '3 place Bellecour',
      postalCode: '69002',
      city: 'Lyon',
      country: 'FR',
      locale: 'fr',
      ...overrides,
    })
    .returning();
  const people = await db()
    .insert(contacts)
    .values([
      {
        customerId: row!.id,
        name: 'Julie Billing',
        email: `billing-${suffix}@client.test`,
        roles: ['billing'],
      },
      {
        customerId: row!.id,
        name: 'Marc Payable',
        email: `ap-${suffix}@client.test`,
        roles: ['accounts_payable'],
      },
    ])
    .returning();
  return { ...row!, contacts: people };
}
