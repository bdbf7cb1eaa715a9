import { and, eq, inArray } from 'drizzle-orm';
import { invoices, paymentPlans } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import type { Db, Tx } from '~/utils/db.server';
import { invoiceLedger, lockInvoice } from './invoice-balance.server';

export type WriteOffResult =
  | { ok: true; balanceMinor: number }
  | { ok: false; error: 'not_found' | 'not_open' | 'on_plan' | 'processing' };

type Input = { businessId: string; invoiceId: string; actor: Actor };

/**
 * open -> uncollectible: the business stops collecting what is left (a bad debt, a customer in liquidation). The
 * invoice keeps its number and its payments; reminders stop (the sweep and the send handler only take open
 * invoices), it leaves the aging report and the customer's statement, and its page tells the customer to
 * contact the business instead of offering to pay. Refused while a payment plan is running (cancel it first)
 * or a payment is still being processed (wait for its outcome). Writing off twice writes off once.
 */
export async function writeOffInvoice(db: Db, input: Input & { reason: string }): Promise<WriteOffResult> {
  if (!isUuid(input.invoiceId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId, input.businessId);
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    const ledger = await invoiceLedger(tx, invoice.id);
    const balanceMinor = ledger?.balanceMinor ?? 0;
    if (invoice.status === 'uncollectible') return { ok: true, balanceMinor } as const;
    if (invoice.status !== 'open' || balanceMinor <= 0) return { ok: false, error: 'not_open' } as const;
    if ((ledger?.processingMinor ?? 0) > 0) return { ok: false, error: 'processing' } as const;
    const [plan] = await tx
      .select({ id: paymentPlans.id })
      .from(paymentPlans)
      .where(
        and(eq(paymentPlans.invoiceId, invoice.id), inArray(paymentPlans.status, ['pending', 'active'])),
      );
    if (plan) return { ok: false, error: 'on_plan' } as const;
    await move(tx, invoice, 'open', 'uncollectible', {
      type: 'invoice.written_off',
      actor: input.actor,
      data: { reason: input.reason, balanceMinor },
    });
    return { ok: true, balanceMinor } as const;
  });
}

/**
 * uncollectible -> open, when the write-off was a mistake or the customer resurfaces: collection resumes where the
 * ladder stands today (the sweep never sends the steps missed meanwhile). Undoing twice undoes once.
 */
export async function undoWriteOff(
  db: Db,
  input: Input,
): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'not_written_off' }> {
  if (!isUuid(input.invoiceId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId, input.businessId);
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    if (invoice.status === 'open') return { ok: true } as const;
    if (invoice.status !== 'uncollectible') return { ok: false, error: 'not_written_off' } as const;
    await move(tx, invoice, 'uncollectible', 'open', {
      type: 'invoice.write_off_undone',
      actor: input.actor,
      data: {},
    });
    return { ok: true } as const;
  });
}

/** The guarded status change (only from `from`) and its timeline event, in the caller's transaction. */
async function move(
  tx: Tx,
  invoice: { id: string; businessId: string; customerId: string },
  from: 'open' | 'uncollectible',
  to: 'open' | 'uncollectible',
  event: { type: string; actor: Actor; data: Record<string, unknown> },
): Promise<void> {
  await tx
    .update(invoices)
    .set({ status: to })
    .where(and(eq(invoices.id, invoice.id), eq(invoices.status, from)));
  await recordEvent(tx, {
    businessId: invoice.businessId,
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    ...event,
  });
}
