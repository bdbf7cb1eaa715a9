import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { payments } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { lockInvoice, syncPaidState } from '~/modules/invoices/invoice-balance.server';
import type { Tx } from '~/utils/db.server';
import { applyPlanPayment, planRefOf } from '~/modules/plans/apply-plan-payment.server';
import { settleInvoicePromise } from '~/modules/promises/settle-promises.server';
import { paymentStatusOf } from './payment-status';
import { queueReceiptEmail } from './receipt-email.server';

export type ApplyResult = 'ignored' | 'unchanged' | 'stale' | 'updated' | 'succeeded';

const stripeActor: Actor = { type: 'stripe' };

/**
 * Brings our payment row in line with Stripe's view of a PaymentIntent, whatever order the views arrive in:
 * `observedAt` (the event's creation time, or now for a fresh read) must not be older than the last view applied,
 * and `succeeded` is never undone (refunds and chargebacks are recorded beside it). On the transition to succeeded,
 * and only then, the invoice's paid state is synced and the receipt is queued: a redelivery changes nothing.
 * Locks the invoice row first, so changes to one invoice's ledger happen one at a time.
 */
export async function applyPaymentIntent(
  tx: Tx,
  pi: Stripe.PaymentIntent,
  observedAt: number,
): Promise<ApplyResult> {
  const invoiceId = pi.metadata?.invoice_id;
  if (!invoiceId || !/^[0-9a-f-]{36}$/.test(invoiceId)) return 'ignored';
  const invoice = await lockInvoice(tx, invoiceId);
  if (!invoice || invoice.currency.toLowerCase() !== pi.currency) return 'ignored';
  const next = paymentStatusOf(pi);
  const chargeId = typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? null);
  const now = new Date();

  const [inserted] = await tx
    .insert(payments)
    .values({
      businessId: invoice.businessId,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      currency: invoice.currency,
      amountMinor: pi.amount,
      status: next,
      installmentId: planRefOf(pi)?.installmentId ?? null,
      stripePaymentIntentId: pi.id,
      stripeChargeId: chargeId,
      stripeObservedAt: observedAt,
      failureMessage: pi.last_payment_error?.message ?? null,
      succeededAt: next === 'succeeded' ? now : null,
    })
    .onConflictDoNothing({ target: payments.stripePaymentIntentId })
    .returning();
  let previous: string | null = null;
  let paymentId: string;
  if (inserted) {
    paymentId = inserted.id;
  } else {
    const [row] = await tx
      .select()
      .from(payments)
      .where(eq(payments.stripePaymentIntentId, pi.id))
      .for('update');
    paymentId = row!.id;
    previous = row!.status;
    if (row!.status === 'succeeded') return 'unchanged';
    if (next !== 'succeeded' && row!.stripeObservedAt !== null && observedAt < row!.stripeObservedAt)
      return 'stale';
    if (row!.status === next && row!.amountMinor === pi.amount) {
      await tx
        .update(payments)
        .set({ stripeObservedAt: observedAt, stripeChargeId: chargeId ?? row!.stripeChargeId })
        .where(eq(payments.id, row!.id));
      return 'unchanged';
    }
    await tx
      .update(payments)
      .set({
        status: next,
        amountMinor: pi.amount,
        stripeChargeId: chargeId ?? row!.stripeChargeId,
        stripeObservedAt: observedAt,
        failureMessage: next === 'failed' ? (pi.last_payment_error?.message ?? null) : null,
        succeededAt: next === 'succeeded' ? now : null,
      })
      .where(and(eq(payments.id, row!.id), eq(payments.status, row!.status)));
  }

  const ids = { businessId: invoice.businessId, invoiceId: invoice.id, customerId: invoice.customerId };
  await recordEvent(tx, {
    ...ids,
    type: `payment.${next}`,
    actor: stripeActor,
    data: {
      paymentIntentId: pi.id,
      amountMinor: pi.amount,
      previous,
      failure: pi.last_payment_error?.message ?? undefined,
    },
  });
  // Installment plans (issue 6): the part this PaymentIntent pays, once per status change.
  await applyPlanPayment(tx, { pi, next, previous, now });
  if (next !== 'succeeded') return 'updated';
  await syncPaidState(tx, { invoiceId: invoice.id, actor: stripeActor, now });
  await queueReceiptEmail(tx, { paymentId });
  await settleInvoicePromise(tx, invoice.id, now);
  return 'succeeded';
}
