import { eq } from 'drizzle-orm';
import { business } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { settingsOf } from './business-settings.server';
import type { BusinessSettings } from './settings-form.server';

/**
 * Saves the business settings and records, in the same transaction, each field that changed with its value
 * before and after. The row is locked first so two saves in a row record a true "before". Saving unchanged values
 * writes nothing.
 */
export async function saveBusinessSettings(
  db: Db,
  input: { businessId: string; value: BusinessSettings; actor: Actor },
): Promise<{ changed: (keyof BusinessSettings)[] }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(business).where(eq(business.id, input.businessId)).for('update');
    if (!row) throw new Response('Not found', { status: 404 });
    const current = settingsOf(row);
    const changed = (Object.keys(input.value) as (keyof BusinessSettings)[]).filter(
      (k) => current[k] !== input.value[k],
    );
    if (!changed.length) return { changed };
    const v = input.value;
    await tx
      .update(business)
      .set({
        name: v.name,
        legalForm: v.legalForm,
        siren: v.siren,
        vatNumber: v.vatNumber,
        addressLine1: v.addressLine1,
        addressLine2: v.addressLine2,
        postalCode: v.postalCode,
        city: v.city,
        country: v.country,
        email: v.email,
        phone: v.phone,
        iban: v.iban,
        bic: v.bic,
        defaultTermsDays: v.defaultTermsDays,
        penaltyRateBps: v.penaltyRate,
        defaultVatExemption: v.defaultVatExemption,
        emailFromName: v.emailFromName,
        emailReplyTo: v.emailReplyTo,
      })
      .where(eq(business.id, input.businessId));
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'settings.business_updated',
      actor: input.actor,
      data: {
        before: Object.fromEntries(changed.map((k) => [k, current[k]])),
        after: Object.fromEntries(changed.map((k) => [k, v[k]])),
      },
    });
    return { changed };
  });
}
