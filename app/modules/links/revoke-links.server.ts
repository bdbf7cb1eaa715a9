import { and, eq, isNull } from 'drizzle-orm';
import { invoiceLinks } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';

/** Revokes every live link of an invoice. Safe to repeat: a second call revokes nothing and records nothing. */
export async function revokeInvoiceLinks(
  db: Db,
  input: { businessId: string; invoiceId: string; actor: Actor },
): Promise<{ revoked: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(invoiceLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(invoiceLinks.invoiceId, input.invoiceId), isNull(invoiceLinks.revokedAt)))
      .returning({ id: invoiceLinks.id });
    if (rows.length) {
      await recordEvent(tx, {
        businessId: input.businessId,
        invoiceId: input.invoiceId,
        type: 'link.revoked',
        actor: input.actor,
        data: { count: rows.length },
      });
    }
    return { revoked: rows.length };
  });
}
