import { and, desc, eq, inArray } from 'drizzle-orm';
import { disputeMessages, disputes, invoices } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { queueDisputeEmail } from './dispute-emails.server';

/** Who may write: the debtor of the one invoice their link opens, or a user of the business. */
export type DisputeScope = { invoiceId: string } | { businessId: string };

export type PostMessageResult =
  { ok: true; messageId: string; duplicate: boolean } | { ok: false; error: 'not_found' | 'closed' };

/**
 * Adds a message to a dispute in progress and hands the turn to the other side (a debtor's message: waiting for
 * us; the business's: waiting for them), emails them, and records the event, in one transaction. The same text
 * sent again right after by the same side (a double submit) is not added twice.
 */
export async function postDisputeMessage(
  db: Db,
  input: { disputeId: string; scope: DisputeScope; body: string; actor: Actor },
): Promise<PostMessageResult> {
  const author = input.actor.type === 'user' ? ('business' as const) : ('debtor' as const);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ dispute: disputes, invoice: invoices })
      .from(disputes)
      .innerJoin(invoices, eq(invoices.id, disputes.invoiceId))
      .where(
        and(
          eq(disputes.id, input.disputeId),
          'invoiceId' in input.scope
            ? eq(invoices.id, input.scope.invoiceId)
            : eq(invoices.businessId, input.scope.businessId),
        ),
      )
      .for('update', { of: disputes });
    if (!row) return { ok: false, error: 'not_found' } as const;
    if (row.dispute.status !== 'waiting_for_us' && row.dispute.status !== 'waiting_for_them')
      return { ok: false, error: 'closed' } as const;
    const [last] = await tx
      .select()
      .from(disputeMessages)
      .where(eq(disputeMessages.disputeId, row.dispute.id))
      .orderBy(desc(disputeMessages.createdAt))
      .limit(1);
    if (last && last.author === author && last.body === input.body)
      return { ok: true, messageId: last.id, duplicate: true } as const;
    const [message] = await tx
      .insert(disputeMessages)
      .values({
        disputeId: row.dispute.id,
        author,
        userId: input.actor.type === 'user' ? input.actor.id : null,
        body: input.body,
      })
      .returning({ id: disputeMessages.id });
    const next = author === 'debtor' ? 'waiting_for_us' : 'waiting_for_them';
    await tx
      .update(disputes)
      .set({ status: next })
      .where(
        and(
          eq(disputes.id, row.dispute.id),
          inArray(disputes.status, ['waiting_for_us', 'waiting_for_them']),
        ),
      );
    const emailedTo = await queueDisputeEmail(tx, {
      disputeId: row.dispute.id,
      messageId: message!.id,
      kind: 'message',
      audience: author === 'debtor' ? 'business' : 'debtor',
      body: input.body,
    });
    await recordEvent(tx, {
      businessId: row.invoice.businessId,
      invoiceId: row.invoice.id,
      customerId: row.invoice.customerId,
      type: 'dispute.message',
      actor: input.actor,
      data: { disputeId: row.dispute.id, messageId: message!.id, author, status: next, emailedTo },
    });
    return { ok: true, messageId: message!.id, duplicate: false } as const;
  });
}
