import { eq } from 'drizzle-orm';
import { business } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';

/** What every admin page needs to know about the business: its name and the time zone its dates live in. */
export async function businessBasics(
  db: DbOrTx,
  businessId: string,
): Promise<{ name: string; timeZone: string }> {
  const [row] = await db
    .select({ name: business.name, timeZone: business.timeZone })
    .from(business)
    .where(eq(business.id, businessId));
  return row ?? { name: '', timeZone: 'Europe/Paris' };
}
