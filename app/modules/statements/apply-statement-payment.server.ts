import { and, asc, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { payments, statementPaymentAllocations, statementPayments } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceLedger, lockInvoice, syncPaidState } from '~/modules/invoices/invoice-balance.server';
import type { ApplyResult } from '~/modules/payments/apply-payment-intent.server';
import { paymentStatusOf } from '~/modules/payments/payment-status';
import { queueReceiptEmail } from '~/modules/payments/receipt-email.server';
import { settleInvoicePromise } from '~/modules/promises/settle-promises.server';
import type { Tx } from '~/utils/db.server';

const stripeActor: Actor = { type: 'stripe' };

export function statementPaymentIdOf(pi: Pick<Stripe.PaymentIntent, 'metadata'>): string | null {
  const id = pi.metadata?.statement_payment_id;
  return id && /^[0-9a-f-]{36}$/.test(id) ? id : null;
}

/** Locks a statement payment row for the rest of the transaction (before any of its invoices). */
export async function lockStatementPayment(tx: Tx, where: { id?: string; paymentIntentId?: string }) {
  const [row] = await tx
    .select()
    .from(statementPayments)
    .where(
      where.id
        ? eq(statementPayments.id, where.id)
        : eq(statementPayments.stripePaymentIntentId, where.paymentIntentId ?? ''),
    )
    .for('update');
  return row ?? null;
}

/**
 * Brings a statement payment in line with Stripe's view of its PaymentIntent, in any order and however often the
 * views arrive (the same ranking as applyPaymentIntent: an older view never overwrites a newer one, `succeeded`
 * is never undone). On the transition to succeeded, and only then, the planned allocation is applied: one ordinary
 * payment per invoice share, so each invoice's ledger, receipt, paid state and timeline show its share and no
 * balance query changes.
 *
 * Overlap: an invoice may have been settled meanwhile (paid on its own page while this debit was processing,
 * a credit note, a payment recorded by hand). A share is then cut to what the invoice still owes, never more, so
 * no invoice is ever over-credited; what was cut is `excess_minor`, refunded to the customer's card or account by
 * refundStatementExcess. A refund rather than a credit balance: Acquit keeps no customer credit ledger, every
 * balance is per invoice, and money that pays nothing the customer owes is theirs to have back now.
 */
export async function applyStatementPaymentIntent(
  tx: Tx,
  pi: Stripe.PaymentIntent,
  observedAt: number,
): Promise<ApplyResult> {
  const id = statementPaymentIdOf(pi);
  if (!id) return 'ignored';
  const row = await lockStatementPayment(tx, { id });
  if (!row || row.stripePaymentIntentId !== pi.id || row.currency.toLowerCase() !== pi.currency)
    return 'ignored';
  if (row.status === 'succeeded') return 'unchanged';
  const next = paymentStatusOf(pi);
  const chargeId = typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? null);
  if (next !== 'succeeded' && row.stripeObservedAt !== null && observedAt < row.stripeObservedAt)
    return 'stale';
  const now = new Date();
  await tx
    .update(statementPayments)
    .set({
      status: next,
      stripeChargeId: chargeId ?? row.stripeChargeId,
      stripeObservedAt: observedAt,
      succeededAt: next === 'succeeded' ? now : null,
    })
    .where(and(eq(statementPayments.id, row.id), eq(statementPayments.status, row.status)));
  if (row.status === next) return 'unchanged';
  await recordEvent(tx, {
    businessId: row.businessId,
    customerId: row.customerId,
    type: `statement.payment_${next}`,
    actor: stripeActor,
    data: {
      statementPaymentId: row.id,
      paymentIntentId: pi.id,
      amountMinor: row.amountMinor,
      previous: row.status,
    },
  });
  if (next !== 'succeeded') return 'updated';
  await applyAllocation(tx, row, pi.id, now);
  return 'succeeded';
}

async function applyAllocation(
  tx: Tx,
  row: typeof statementPayments.$inferSelect,
  paymentIntentId: string,
  now: Date,
) {
  const planned = await tx
    .select()
    .from(statementPaymentAllocations)
    .where(eq(statementPaymentAllocations.statementPaymentId, row.id))
    .orderBy(asc(statementPaymentAllocations.position));
  // Invoices are locked in id order, so two statement payments of the same customer never deadlock.
  for (const share of [...planned].sort((a, b) => a.invoiceId.localeCompare(b.invoiceId))) {
    await lockInvoice(tx, share.invoiceId);
  }
  let applied = 0;
  for (const share of planned) {
    const invoice = await lockInvoice(tx, share.invoiceId);
    const ledger = await invoiceLedger(tx, share.invoiceId);
    const owed = invoice?.status === 'open' ? (ledger?.balanceMinor ?? 0) : 0;
    const amountMinor = Math.min(share.amountMinor, owed);
    await tx
      .update(statementPaymentAllocations)
      .set({ appliedMinor: amountMinor })
      .where(eq(statementPaymentAllocations.id, share.id));
    if (amountMinor <= 0 || !invoice) continue;
    applied += amountMinor;
    const [payment] = await tx
      .insert(payments)
      .values({
        businessId: row.businessId,
        customerId: row.customerId,
        invoiceId: share.invoiceId,
        statementPaymentId: row.id,
        currency: row.currency,
        amountMinor,
        status: 'succeeded',
        method: row.method,
        stripeObservedAt: row.stripeObservedAt,
        metadata: { statementPaymentId: row.id, paymentIntentId },
        succeededAt: now,
      })
      .returning({ id: payments.id });
    await recordEvent(tx, {
      businessId: row.businessId,
      invoiceId: share.invoiceId,
      customerId: row.customerId,
      type: 'payment.succeeded',
      actor: stripeActor,
      data: { paymentIntentId, statementPaymentId: row.id, amountMinor, plannedMinor: share.amountMinor },
    });
    await syncPaidState(tx, { invoiceId: share.invoiceId, actor: stripeActor, now });
    await queueReceiptEmail(tx, { paymentId: payment!.id });
    await settleInvoicePromise(tx, share.invoiceId, now);
  }
  const excessMinor = row.amountMinor - applied;
  await tx
    .update(statementPayments)
    .set({ appliedAt: now, excessMinor })
    .where(eq(statementPayments.id, row.id));
  if (excessMinor > 0) {
    await recordEvent(tx, {
      businessId: row.businessId,
      customerId: row.customerId,
      type: 'statement.payment_excess',
      actor: stripeActor,
      data: { statementPaymentId: row.id, excessMinor },
    });
  }
}
