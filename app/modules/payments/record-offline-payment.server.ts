import { and, eq } from 'drizzle-orm';
import { payments } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceLedger, lockInvoice, syncPaidState } from '~/modules/invoices/invoice-balance.server';
import type { Db } from '~/utils/db.server';
import { queueReceiptEmail } from './receipt-email.server';

export type OfflinePaymentInput = {
  businessId: string;
  invoiceId: string;
  amountMinor: number;
  method: 'bank_transfer' | 'cheque' | 'cash' | 'other';
  receivedOn: string;
  reference?: string | null;
  /** One per rendered form: a second submit with the same key returns the first payment. */
  requestKey?: string | null;
  actor: Actor;
};

export type OfflinePaymentResult =
  | { ok: true; paymentId: string; invoicePaid: boolean }
  | { ok: false; error: 'not_found' | 'not_open' | 'exceeds_balance'; balanceMinor?: number };

/** Records money received outside Stripe (transfer, cheque), on an open or written-off invoice. It may not exceed the balance. */
export async function recordOfflinePayment(
  db: Db,
  input: OfflinePaymentInput,
): Promise<OfflinePaymentResult> {
  return db.transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.invoiceId, input.businessId);
    if (!invoice) return { ok: false, error: 'not_found' } as const;
    if (input.requestKey) {
      const [existing] = await tx
        .select({ id: payments.id })
        .from(payments)
        .where(and(eq(payments.requestKey, input.requestKey), eq(payments.invoiceId, invoice.id)));
      if (existing)
        return { ok: true, paymentId: existing.id, invoicePaid: invoice.status === 'paid' } as const;
    }
    // A written-off debt may still be paid after all (a late transfer): it is recorded, and settles it.
    if (invoice.status !== 'open' && invoice.status !== 'uncollectible')
      return { ok: false, error: 'not_open' } as const;
    const ledger = await invoiceLedger(tx, invoice.id);
    if (!ledger || input.amountMinor > ledger.balanceMinor) {
      return { ok: false, error: 'exceeds_balance', balanceMinor: ledger?.balanceMinor } as const;
    }
    const [payment] = await tx
      .insert(payments)
      .values({
        businessId: invoice.businessId,
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        currency: invoice.currency,
        amountMinor: input.amountMinor,
        status: 'succeeded',
        method: input.method,
        reference: input.reference || null,
        requestKey: input.requestKey || null,
        receivedOn: input.receivedOn,
        recordedBy: input.actor.type === 'user' ? input.actor.id : null,
        succeededAt: new Date(),
      })
      .returning({ id: payments.id });
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'payment.recorded',
      actor: input.actor,
      data: {
        paymentId: payment!.id,
        amountMinor: input.amountMinor,
        method: input.method,
        receivedOn: input.receivedOn,
      },
    });
    const state = await syncPaidState(tx, { invoiceId: invoice.id, actor: input.actor });
    await queueReceiptEmail(tx, { paymentId: payment!.id });
    return { ok: true, paymentId: payment!.id, invoicePaid: state === 'paid' } as const;
  });
}
