import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import {
  business,
  payments,
  refunds,
  statementPaymentAllocations,
  statementPayments,
  tasks,
} from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { lockInvoice, syncPaidState } from '~/modules/invoices/invoice-balance.server';
import type { Tx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { reverseShares } from './allocate';
import { lockStatementPayment } from './apply-statement-payment.server';

const actor = { type: 'stripe' } as const;
const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : (x?.id ?? null));

/** The statement payment a charge belongs to, locked, or null when it is an ordinary payment's. */
export async function findStatementPayment(tx: Tx, paymentIntentId: string | null, chargeId: string | null) {
  const conditions = [
    paymentIntentId ? eq(statementPayments.stripePaymentIntentId, paymentIntentId) : undefined,
    chargeId ? eq(statementPayments.stripeChargeId, chargeId) : undefined,
  ].filter((c) => c !== undefined);
  if (!conditions.length) return null;
  const [row] = await tx
    .select({ id: statementPayments.id })
    .from(statementPayments)
    .where(or(...conditions))
    .limit(1);
  return row ? lockStatementPayment(tx, { id: row.id }) : null;
}

/** The share payments of a statement payment in allocation order (oldest due first), invoices locked. */
async function lockedShares(tx: Tx, statementPaymentId: string) {
  const rows = await tx
    .select({ payment: payments, position: statementPaymentAllocations.position })
    .from(payments)
    .innerJoin(
      statementPaymentAllocations,
      and(
        eq(statementPaymentAllocations.statementPaymentId, payments.statementPaymentId),
        eq(statementPaymentAllocations.invoiceId, payments.invoiceId),
      ),
    )
    .where(eq(payments.statementPaymentId, statementPaymentId))
    .orderBy(asc(statementPaymentAllocations.position));
  for (const id of rows.map((r) => r.payment.invoiceId!).sort()) await lockInvoice(tx, id);
  return rows.map((r) => r.payment);
}

const shareRefundKey = (paymentId: string) => `stmt:${paymentId}`;

/**
 * Stripe's refunds of a statement payment (the whole list, read afresh, so their order does not matter). Refunded
 * money first comes out of the excess (what reached no invoice), then reverses the shares newest due first, the
 * reverse of allocation: what stays paid is the oldest debt, as if the customer had paid that much less. Each
 * share carries one refund row with its reversed total (keyed `stmt:<payment>`, since one Stripe refund can span
 * several shares), so the ledger sums it like any refund; recomputing from the list makes redeliveries no-ops.
 */
export async function applyStatementRefunds(
  tx: Tx,
  charge: Pick<Stripe.Charge, 'id' | 'payment_intent'>,
  list: Stripe.Refund[],
): Promise<'applied' | null> {
  const sp = await findStatementPayment(tx, idOf(charge.payment_intent), charge.id);
  if (!sp) return null;
  const counted = list.filter((r) => r.status === 'succeeded' || r.status === 'pending');
  const refundedMinor = counted.reduce((sum, r) => sum + r.amount, 0);
  const settled = counted.every((r) => r.status === 'succeeded');
  const shares = await lockedShares(tx, sp.id);
  const taken = new Map(
    reverseShares(
      Math.max(0, refundedMinor - sp.excessMinor),
      shares.map((p) => ({ invoiceId: p.id, amountMinor: p.amountMinor })),
    ).map((s) => [s.invoiceId, s.amountMinor]),
  );
  for (const payment of shares) {
    const amountMinor = taken.get(payment.id) ?? 0;
    const key = shareRefundKey(payment.id);
    const [existing] = await tx.select().from(refunds).where(eq(refunds.stripeRefundId, key));
    const status = amountMinor === 0 ? 'canceled' : settled ? 'succeeded' : 'pending';
    if (!existing && amountMinor === 0) continue;
    if (existing && existing.status === status && (amountMinor === 0 || existing.amountMinor === amountMinor))
      continue;
    if (existing) {
      await tx
        .update(refunds)
        .set({ status, amountMinor: amountMinor || existing.amountMinor })
        .where(eq(refunds.id, existing.id));
    } else {
      await tx.insert(refunds).values({
        paymentId: payment.id,
        stripeRefundId: key,
        amountMinor,
        status,
        reason: 'statement_refund',
      });
    }
    await recordEvent(tx, {
      businessId: payment.businessId,
      invoiceId: payment.invoiceId,
      customerId: payment.customerId,
      type: 'payment.refunded',
      actor,
      data: { paymentId: payment.id, statementPaymentId: sp.id, amountMinor, status },
      dedupeKey: `${key}:${amountMinor}:${status}`,
    });
    await syncPaidState(tx, { invoiceId: payment.invoiceId!, actor });
  }
  await recordEvent(tx, {
    businessId: sp.businessId,
    customerId: sp.customerId,
    type: 'statement.payment_refunded',
    actor,
    data: {
      statementPaymentId: sp.id,
      refundedMinor,
      reversedMinor: [...taken.values()].reduce((a, b) => a + b, 0),
    },
    dedupeKey: `statement-refund:${sp.id}:${refundedMinor}:${settled}`,
  });
  return 'applied';
}

const FINAL = new Set(['won', 'lost']);

/**
 * A card chargeback on a statement payment: a task to answer it (once), and a lost one takes the money back from
 * the shares as a refund would (excess first, then newest due first), each share flagged with its part.
 */
export async function applyStatementDispute(
  tx: Tx,
  dispute: Stripe.Dispute,
): Promise<'applied' | 'stale' | null> {
  const sp = await findStatementPayment(tx, idOf(dispute.payment_intent), idOf(dispute.charge));
  if (!sp) return null;
  const [settings] = await tx
    .select({ timeZone: business.timeZone })
    .from(business)
    .where(eq(business.id, sp.businessId));
  await tx
    .insert(tasks)
    .values({
      businessId: sp.businessId,
      customerId: sp.customerId,
      kind: 'chargeback',
      title: `Card chargeback on statement payment ${sp.stripePaymentIntentId}: see it in Stripe`,
      dueOn: todayIn(settings?.timeZone ?? 'Europe/Paris'),
      dedupeKey: `chargeback:${dispute.id}`,
    })
    .onConflictDoNothing({ target: tasks.dedupeKey });
  if (sp.chargebackStatus && FINAL.has(sp.chargebackStatus) && !FINAL.has(dispute.status)) return 'stale';
  const lostMinor = dispute.status === 'lost' ? Math.min(dispute.amount, sp.amountMinor) : 0;
  await tx
    .update(statementPayments)
    .set({ chargebackStatus: dispute.status, chargebackAmountMinor: lostMinor })
    .where(eq(statementPayments.id, sp.id));
  const shares = await lockedShares(tx, sp.id);
  const refunded = shares.length
    ? await tx
        .select({ paymentId: refunds.paymentId, minor: sql<string>`sum(${refunds.amountMinor})` })
        .from(refunds)
        .where(
          and(
            inArray(
              refunds.paymentId,
              shares.map((s) => s.id),
            ),
            inArray(refunds.status, ['pending', 'succeeded']),
          ),
        )
        .groupBy(refunds.paymentId)
    : [];
  const refundedBy = new Map(refunded.map((r) => [r.paymentId, Number(r.minor)]));
  const taken = new Map(
    reverseShares(
      Math.max(0, lostMinor - sp.excessMinor),
      shares.map((p) => ({ invoiceId: p.id, amountMinor: p.amountMinor - (refundedBy.get(p.id) ?? 0) })),
    ).map((s) => [s.invoiceId, s.amountMinor]),
  );
  for (const payment of shares) {
    const amountMinor = taken.get(payment.id) ?? 0;
    await tx
      .update(payments)
      .set({ chargebackStatus: dispute.status, chargebackAmountMinor: amountMinor })
      .where(eq(payments.id, payment.id));
    await recordEvent(tx, {
      businessId: payment.businessId,
      invoiceId: payment.invoiceId,
      customerId: payment.customerId,
      type: FINAL.has(dispute.status) ? `payment.chargeback_${dispute.status}` : 'payment.chargeback_opened',
      actor,
      data: { paymentId: payment.id, statementPaymentId: sp.id, disputeId: dispute.id, amountMinor },
      dedupeKey: `chargeback:${dispute.id}:${payment.id}:${FINAL.has(dispute.status) ? dispute.status : 'open'}`,
    });
    await syncPaidState(tx, { invoiceId: payment.invoiceId!, actor });
  }
  return 'applied';
}

const METHODS = new Set(['card', 'sepa_debit', 'us_bank_account']);

/** charge.succeeded / charge.pending say how the customer paid: every share shows it. */
export async function applyStatementChargeMethod(tx: Tx, charge: Stripe.Charge): Promise<'applied' | null> {
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return null;
  const type = charge.payment_method_details?.type;
  const method = type && METHODS.has(type) ? (type as 'card' | 'sepa_debit' | 'us_bank_account') : undefined;
  const [sp] = await tx
    .update(statementPayments)
    .set({ stripeChargeId: charge.id, ...(method ? { method } : {}) })
    .where(eq(statementPayments.stripePaymentIntentId, paymentIntentId))
    .returning({ id: statementPayments.id });
  if (!sp) return null;
  // The shares exist only once the payment succeeded; before that, applying copies the method to them.
  if (method) {
    await tx.update(payments).set({ method }).where(eq(payments.statementPaymentId, sp.id));
  }
  return 'applied';
}
