import { eq } from 'drizzle-orm';
import { business, tasks } from '#db/schema/index';
import { adminDisputes } from '~/i18n/admin-disputes';
import type { Tx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { isLocale, translator } from '~/utils/i18n';
import type { DisputeReason } from './reasons';

/**
 * The "dispute to answer" task of a newly opened dispute, due today in the business's zone and titled in its
 * language; keyed by the dispute (`dispute:<id>`), so it is made once and resolving the dispute closes it. Every
 * way a dispute opens makes one: from the customer's page, and from a call logged by staff.
 */
export async function openDisputeTask(
  tx: Tx,
  input: {
    businessId: string;
    invoiceId: string;
    customerId: string | null;
    invoiceNumber: string | null;
    disputeId: string;
    reason: DisputeReason;
  },
): Promise<void> {
  const [settings] = await tx
    .select({ timeZone: business.timeZone, locale: business.locale })
    .from(business)
    .where(eq(business.id, input.businessId));
  const t = translator(isLocale(settings?.locale) ? settings.locale : 'fr', adminDisputes);
  await tx
    .insert(tasks)
    .values({
      businessId: input.businessId,
      invoiceId: input.invoiceId,
      customerId: input.customerId,
      kind: 'dispute',
      title: t('disputes.task.title', {
        number: input.invoiceNumber ?? '',
        reason: t(`disputes.reason.${input.reason}`),
      }),
      dueOn: todayIn(settings?.timeZone ?? 'Europe/Paris'),
      dedupeKey: `dispute:${input.disputeId}`,
    })
    .onConflictDoNothing({ target: tasks.dedupeKey });
}
