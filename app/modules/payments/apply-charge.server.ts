import { eq, or } from 'drizzle-orm';
import type Stripe from 'stripe';
import { business, payments, refunds, tasks } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { lockInvoice, syncPaidState } from '~/modules/invoices/invoice-balance.server';
import type { Tx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';

const actor = { type: 'stripe' } as const;
const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : (x?.id ?? null));

async function findPayment(tx: Tx, paymentIntentId: string | null, chargeId: string | null) {
  const conditions = [
    paymentIntentId ? eq(payments.stripePaymentIntentId, paymentIntentId) : undefined,
    chargeId ? eq(payments.stripeChargeId, chargeId) : undefined,
  ].filter((c) => c !== undefined);
  if (!conditions.length) return null;
  const [row] = await tx
    .select()
    .from(payments)
    .where(or(...conditions))
    .limit(1);
  if (!row?.invoiceId) return null;
  // Lock order: invoice, then payment (as everywhere else).
  await lockInvoice(tx, row.invoiceId);
  const [locked] = await tx.select().from(payments).where(eq(payments.id, row.id)).for('update');
  return locked ?? null;
}

const refundStatus = (s: string | null) =>
  s === 'succeeded' ? 'succeeded' : s === 'failed' ? 'failed' : s === 'canceled' ? 'canceled' : 'pending';

/**
 * Records Stripe's refunds of a payment (read afresh from Stripe by the caller, so the order of refund events
 * does not matter). Upserts by refund id; the balance reopens by what was refunded.
 */
export async function applyRefunds(
  tx: Tx,
  charge: Pick<Stripe.Charge, 'id' | 'payment_intent'>,
  list: Stripe.Refund[],
) {
  const payment = await findPayment(tx, idOf(charge.payment_intent), charge.id);
  if (!payment) return 'ignored' as const;
  let changed = false;
  for (const refund of list) {
    const status = refundStatus(refund.status);
    const [row] = await tx
      .insert(refunds)
      .values({
        paymentId: payment.id,
        stripeRefundId: refund.id,
        amountMinor: refund.amount,
        status,
        reason: refund.reason ?? null,
      })
      .onConflictDoUpdate({ target: refunds.stripeRefundId, set: { status } })
      .returning({ id: refunds.id, status: refunds.status });
    if (row) changed = true;
    await recordEvent(tx, {
      businessId: payment.businessId,
      invoiceId: payment.invoiceId,
      customerId: payment.customerId,
      type: 'payment.refunded',
      actor,
      data: { paymentId: payment.id, refundId: refund.id, amountMinor: refund.amount, status },
      dedupeKey: `refund:${refund.id}:${status}`,
    });
  }
  if (changed) await syncPaidState(tx, { invoiceId: payment.invoiceId!, actor });
  return 'applied' as const;
}

const FINAL = new Set(['won', 'lost']);

/**
 * A card chargeback: flags the payment, creates a task to answer it, and a lost one takes the money back (the
 * balance reopens). `won` and `lost` are final; an older, non-final view arriving later changes nothing.
 */
export async function applyDispute(tx: Tx, dispute: Stripe.Dispute) {
  const payment = await findPayment(tx, idOf(dispute.payment_intent), idOf(dispute.charge));
  if (!payment) return 'ignored' as const;
  const ids = {
    businessId: payment.businessId,
    invoiceId: payment.invoiceId,
    customerId: payment.customerId,
  };
  // Whichever event arrives first (even the closing one) makes sure someone looks at it.
  const [settings] = await tx
    .select({ timeZone: business.timeZone })
    .from(business)
    .where(eq(business.id, payment.businessId));
  await tx
    .insert(tasks)
    .values({
      ...ids,
      kind: 'chargeback',
      title: `Card chargeback on payment ${payment.stripePaymentIntentId}: see it in Stripe`,
      dueOn: todayIn(settings?.timeZone ?? 'Europe/Paris'),
      dedupeKey: `chargeback:${dispute.id}`,
    })
    .onConflictDoNothing({ target: tasks.dedupeKey });
  if (payment.chargebackStatus && FINAL.has(payment.chargebackStatus) && !FINAL.has(dispute.status))
    return 'stale' as const;
  const lostMinor = dispute.status === 'lost' ? Math.min(dispute.amount, payment.amountMinor) : 0;
  await tx
    .update(payments)
    .set({ chargebackStatus: dispute.status, chargebackAmountMinor: lostMinor })
    .where(eq(payments.id, payment.id));
  await recordEvent(tx, {
    ...ids,
    type: FINAL.has(dispute.status) ? `payment.chargeback_${dispute.status}` : 'payment.chargeback_opened',
    actor,
    data: {
      paymentId: payment.id,
      disputeId: dispute.id,
      amountMinor: dispute.amount,
      reason: dispute.reason,
    },
    dedupeKey: `chargeback:${dispute.id}:${FINAL.has(dispute.status) ? dispute.status : 'open'}`,
  });
  await syncPaidState(tx, { invoiceId: payment.invoiceId!, actor });
  return 'applied' as const;
}

const METHODS = new Set(['card', 'sepa_debit', 'us_bank_account']);

/** charge.succeeded / charge.pending say how the debtor paid; the PaymentIntent events do not. */
export async function applyChargeMethod(tx: Tx, charge: Stripe.Charge) {
  const type = charge.payment_method_details?.type;
  const paymentIntentId = idOf(charge.payment_intent);
  if (!type || !METHODS.has(type) || !paymentIntentId) return 'ignored' as const;
  await tx
    .update(payments)
    .set({ method: type as 'card' | 'sepa_debit' | 'us_bank_account', stripeChargeId: charge.id })
    .where(eq(payments.stripePaymentIntentId, paymentIntentId));
  return 'applied' as const;
}
