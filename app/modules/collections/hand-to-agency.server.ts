import { and, eq } from 'drizzle-orm';
import { collectionCases, tasks } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db } from '~/utils/db.server';

export type HandToAgencyInput = {
  businessId: string;
  invoiceId: string;
  agencyName: string;
  handedOn: string;
  amountMinor: number;
  note?: string | null;
  actor: Actor;
};

export type HandToAgencyResult =
  { ok: true; caseId: string; already: boolean } | { ok: false; error: 'not_found' | 'not_open' };

/**
 * Hands an open invoice to a collection agency: one collection_cases row per invoice (its unique key makes a
 * double submit, a retry or two people at once write one case), an `invoice.handed_to_agency` event, and the
 * invoice's open collections tasks closed as done. The case stops the reminder ladder (skipReasonSql:
 * `at_agency`). A second hand-off of the same invoice changes nothing and answers with the first case.
 */
export async function handToAgency(db: Db, input: HandToAgencyInput): Promise<HandToAgencyResult> {
  if (!isUuid(input.invoiceId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId, input.businessId);
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    const [existing] = await tx
      .select({ id: collectionCases.id })
      .from(collectionCases)
      .where(eq(collectionCases.invoiceId, invoice.id));
    if (existing) return { ok: true, caseId: existing.id, already: true } as const;
    const ledger = await invoiceLedger(tx, invoice.id);
    if (invoice.status !== 'open' || !ledger || ledger.balanceMinor <= 0)
      return { ok: false, error: 'not_open' } as const;
    const userId = input.actor.type === 'user' ? input.actor.id : null;
    const [created] = await tx
      .insert(collectionCases)
      .values({
        businessId: input.businessId,
        invoiceId: invoice.id,
        agencyName: input.agencyName,
        handedOn: input.handedOn,
        amountMinor: input.amountMinor,
        currency: invoice.currency,
        note: input.note || null,
        handedBy: userId,
      })
      .onConflictDoNothing({ target: collectionCases.invoiceId })
      .returning({ id: collectionCases.id });
    // The invoice row lock serialises hand-offs; the unique key is the guard that holds regardless.
    if (!created) {
      const [other] = await tx
        .select({ id: collectionCases.id })
        .from(collectionCases)
        .where(eq(collectionCases.invoiceId, invoice.id));
      return { ok: true, caseId: other!.id, already: true } as const;
    }
    const scope = { businessId: input.businessId, invoiceId: invoice.id, customerId: invoice.customerId };
    await recordEvent(tx, {
      ...scope,
      type: 'invoice.handed_to_agency',
      actor: input.actor,
      data: {
        caseId: created.id,
        agencyName: input.agencyName,
        handedOn: input.handedOn,
        amountMinor: input.amountMinor,
        balanceMinor: ledger.balanceMinor,
      },
    });
    const closed = await tx
      .update(tasks)
      .set({ status: 'done', outcome: 'handed_off', doneAt: new Date(), doneBy: userId })
      .where(and(eq(tasks.invoiceId, invoice.id), eq(tasks.kind, 'collections'), eq(tasks.status, 'open')))
      .returning({ id: tasks.id });
    for (const task of closed) {
      await recordEvent(tx, {
        ...scope,
        type: 'task.done',
        actor: input.actor,
        data: { taskId: task.id, kind: 'collections', outcome: 'handed_off', notes: null },
      });
    }
    return { ok: true, caseId: created.id, already: false } as const;
  });
}
