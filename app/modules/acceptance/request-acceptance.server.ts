import { and, eq, isNull } from 'drizzle-orm';
import { acceptances, invoices } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { queueAcceptanceRequestEmail } from './acceptance-emails.server';

export type RequestAcceptanceResult =
  | { ok: true; emailedTo: string[] }
  | { ok: false; error: 'not_found' | 'not_requestable' | 'already_signed' | 'already_requested' };

/**
 * The business asks the customer to sign the acceptance letter, before issuing (a draft: the seeds' order, after
 * delivery and before invoicing) or after. Marks the invoice as requiring the letter with its delivery date, and
 * emails the customer a link to it. Guarded on `acceptance_requested_at IS NULL`: asking twice asks once.
 */
export async function requestAcceptance(
  db: Db,
  input: { businessId: string; invoiceId: string; deliveryDate: string; actor: Actor; now?: Date },
): Promise<RequestAcceptanceResult> {
  return db.transaction(async (tx) => {
    const [invoice] = await tx
      .select({ id: invoices.id, status: invoices.status, customerId: invoices.customerId })
      .from(invoices)
      .where(and(eq(invoices.id, input.invoiceId), eq(invoices.businessId, input.businessId)))
      .for('update');
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    if (invoice.status !== 'draft' && invoice.status !== 'open')
      return { ok: false, error: 'not_requestable' } as const;
    const [signed] = await tx
      .select({ id: acceptances.id })
      .from(acceptances)
      .where(eq(acceptances.invoiceId, invoice.id));
    if (signed) return { ok: false, error: 'already_signed' } as const;
    const [updated] = await tx
      .update(invoices)
      .set({
        acceptanceRequired: true,
        acceptanceRequestedAt: input.now ?? new Date(),
        deliveryDate: input.deliveryDate,
      })
      .where(and(eq(invoices.id, invoice.id), isNull(invoices.acceptanceRequestedAt)))
      .returning({ id: invoices.id });
    if (!updated) return { ok: false, error: 'already_requested' } as const;
    const sent = await queueAcceptanceRequestEmail(tx, invoice.id, `acceptance-requested:${invoice.id}`);
    await recordEvent(tx, {
      businessId: input.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'acceptance.requested',
      actor: input.actor,
      data: {
        deliveryDate: input.deliveryDate,
        emailedTo: sent?.to ?? [],
        draft: invoice.status === 'draft',
      },
    });
    return { ok: true, emailedTo: sent?.to ?? [] } as const;
  });
}
