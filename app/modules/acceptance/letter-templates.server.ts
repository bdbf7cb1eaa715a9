import { and, asc, eq, inArray } from 'drizzle-orm';
import { acceptanceTemplates, customers } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db, DbOrTx } from '~/utils/db.server';
import { LOCALES, type Locale } from '~/utils/i18n';
import { DEFAULT_LETTER } from './letter-template';

/** Both languages' templates (the default wording where none is saved) and which customers sign by default. */
export async function loadLetterSettings(db: DbOrTx, businessId: string) {
  const rows = await db
    .select()
    .from(acceptanceTemplates)
    .where(eq(acceptanceTemplates.businessId, businessId));
  const templates = Object.fromEntries(
    LOCALES.map((locale) => {
      const row = rows.find((r) => r.locale === locale);
      return [locale, { ...(row ?? DEFAULT_LETTER[locale]), custom: Boolean(row) }];
    }),
  ) as Record<Locale, { title: string; body: string; custom: boolean }>;
  const list = await db
    .select({ id: customers.id, name: customers.name, acceptanceRequired: customers.acceptanceRequired })
    .from(customers)
    .where(eq(customers.businessId, businessId))
    .orderBy(asc(customers.name));
  return { templates, customers: list };
}

/**
 * Saves the two templates and the per-customer defaults in one transaction. Upserts on (business, locale), so a
 * double submit saves the same text twice, harmlessly; the event records who changed the wording.
 */
export async function saveLetterSettings(
  db: Db,
  input: {
    businessId: string;
    actor: Actor;
    templates: Record<Locale, { title: string; body: string }>;
    requiredCustomerIds: string[];
  },
) {
  await db.transaction(async (tx) => {
    for (const locale of LOCALES) {
      const { title, body } = input.templates[locale];
      await tx
        .insert(acceptanceTemplates)
        .values({
          businessId: input.businessId,
          locale,
          title,
          body,
          updatedBy: input.actor.type === 'user' ? input.actor.id : null,
        })
        .onConflictDoUpdate({
          target: [acceptanceTemplates.businessId, acceptanceTemplates.locale],
          set: {
            title,
            body,
            updatedAt: new Date(),
            updatedBy: input.actor.type === 'user' ? input.actor.id : null,
          },
        });
    }
    await tx
      .update(customers)
      .set({ acceptanceRequired: false })
      .where(eq(customers.businessId, input.businessId));
    if (input.requiredCustomerIds.length) {
      await tx
        .update(customers)
        .set({ acceptanceRequired: true })
        .where(
          and(eq(customers.businessId, input.businessId), inArray(customers.id, input.requiredCustomerIds)),
        );
    }
    await recordEvent(tx, {
      businessId: input.businessId,
      type: 'acceptance.templates_saved',
      actor: input.actor,
      data: { requiredCustomers: input.requiredCustomerIds.length },
    });
  });
}
