import { and, eq, inArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { installments, paymentPlans } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import { applyPaymentIntent } from '~/modules/payments/apply-payment-intent.server';
import { paymentStatusOf, type PaymentStatus } from '~/modules/payments/payment-status';
import type { Db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripe } from '~/utils/stripe.server';
import { completeIfDone } from './apply-plan-payment.server';
import { CHARGE_LEASE_MINUTES } from './plan-times';

export type ChargeOutcome = PaymentStatus | 'gone' | 'settled' | 'error';

/**
 * A debtor who opened a payment for this part (or for the rest of the plan) on the page within the last hour may
 * be typing their card number: charging off-session now could take the part twice. The worker waits a round
 * (it runs every 15 minutes); an abandoned form stops holding it back after the hour.
 */
const ON_PAGE_HOLD_MINUTES = 60;

/** Claimable: due (its next attempt has come), or claimed long ago with no outcome (same attempt, same key). */
const claimable = (now: Date) => sql`${installments.status} IN ('scheduled', 'failed')
  AND ((${installments.nextAttemptAt} IS NOT NULL AND ${installments.nextAttemptAt} <= ${now.toISOString()}::timestamptz)
    OR (${installments.nextAttemptAt} IS NULL AND ${installments.chargeStartedAt} IS NOT NULL
      AND ${installments.chargeStartedAt} < ${now.toISOString()}::timestamptz - make_interval(mins => ${CHARGE_LEASE_MINUTES})))
  AND EXISTS (SELECT 1 FROM payment_plans pp WHERE pp.id = ${installments.planId} AND pp.status = 'active'
    AND pp.stripe_payment_method_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.invoice_id = pp.invoice_id
      -- Qualified by hand: drizzle writes a bare "id" in an UPDATE, which here would mean p.id.
      AND p.metadata->>'purpose' IN ('part:' || "installments"."id", 'rest:' || pp.id)
      AND p.status IN ('requires_payment_method', 'requires_action', 'processing')
      AND p.created_at > ${now.toISOString()}::timestamptz - make_interval(mins => ${ON_PAGE_HOLD_MINUTES})))`;

/**
 * Charges one due part off-session, exactly once:
 * 1. Claim, in a transaction holding the invoice row lock (the same lock the page takes to let the debtor pay a
 *    part): one UPDATE that counts the attempt, clears `next_attempt_at` and sets `charge_started_at`, only if the
 *    row is still claimable. Two workers race for it; the loser's UPDATE finds nothing and stops.
 * 2. Charge: a PaymentIntent confirmed off-session with the plan's saved method, idempotency key
 *    `installment:<plan>:<part>:<attempt>`. A worker killed here leaves the claim; once the lease has run out the
 *    part is claimed again with the same attempt number, so Stripe replays the first request's result.
 * 3. Record: applyPaymentIntent in one transaction (payment row, part paid / processing / failed with its email
 *    and retry, receipt, plan completed). The webhook for the same PaymentIntent later changes nothing.
 */
export async function chargeInstallment(db: Db, installmentId: string, now: Date): Promise<ChargeOutcome> {
  const claim = await db.transaction(async (tx) => {
    const [ref] = await tx
      .select({ invoiceId: paymentPlans.invoiceId })
      .from(installments)
      .innerJoin(paymentPlans, eq(paymentPlans.id, installments.planId))
      .where(eq(installments.id, installmentId));
    if (!ref) return null;
    const invoice = await lockInvoice(tx, ref.invoiceId);
    const [part] = await tx
      .update(installments)
      .set({
        attempts: sql`CASE WHEN ${installments.nextAttemptAt} IS NOT NULL THEN ${installments.attempts} + 1
          ELSE ${installments.attempts} END`,
        nextAttemptAt: null,
        chargeStartedAt: now,
      })
      .where(and(eq(installments.id, installmentId), claimable(now)))
      .returning();
    if (!part || !invoice) return null;
    const [plan] = await tx.select().from(paymentPlans).where(eq(paymentPlans.id, part.planId));
    const ledger = await invoiceLedger(tx, invoice.id);
    const due = Math.min(part.amountMinor, (ledger?.balanceMinor ?? 0) - (ledger?.processingMinor ?? 0));
    if (invoice.status !== 'open' || due <= 0) {
      // Settled some other way (a transfer, a credit note): nothing left to charge on this plan.
      await tx
        .update(installments)
        .set({ status: 'cancelled', nextAttemptAt: null, chargeStartedAt: null })
        .where(
          and(eq(installments.planId, part.planId), inArray(installments.status, ['scheduled', 'failed'])),
        );
      await recordEvent(tx, {
        businessId: invoice.businessId,
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        type: 'plan.settled_otherwise',
        actor: { type: 'system' },
        data: { planId: part.planId },
        dedupeKey: `plan-settled:${part.planId}`,
      });
      await completeIfDone(
        tx,
        { id: part.planId, invoiceId: invoice.id, businessId: invoice.businessId },
        now,
      );
      return 'settled' as const;
    }
    return { part, plan: plan!, invoice, amountMinor: due };
  });
  if (!claim) return 'gone';
  if (claim === 'settled') return 'settled';
  const { part, plan, invoice, amountMinor } = claim;

  let pi: Stripe.PaymentIntent;
  try {
    pi = await stripe().paymentIntents.create(
      {
        amount: amountMinor,
        currency: invoice.currency.toLowerCase(),
        customer: plan.stripeCustomerId!,
        payment_method: plan.stripePaymentMethodId!,
        off_session: true,
        confirm: true,
        description: `Invoice ${invoice.number} (installment ${part.seq})`,
        metadata: {
          invoice_id: invoice.id,
          business_id: invoice.businessId,
          invoice_number: invoice.number ?? '',
          plan_id: plan.id,
          installment_id: part.id,
          attempt: String(part.attempts),
          charge: 'off_session',
        },
      },
      { idempotencyKey: `installment:${plan.id}:${part.seq}:${part.attempts}` },
    );
  } catch (error) {
    // A decline or authentication_required is a 402 carrying the PaymentIntent: that outcome is known.
    const e = error as {
      payment_intent?: Stripe.PaymentIntent;
      raw?: { payment_intent?: Stripe.PaymentIntent };
    };
    const declined = e.payment_intent ?? e.raw?.payment_intent;
    if (!declined) {
      // Outcome unknown (network, Stripe down): the lease brings the same attempt back later.
      logger().warn(
        { err: { message: (error as Error).message }, installmentId: part.id },
        'installment charge: outcome unknown',
      );
      return 'error';
    }
    pi = declined;
  }
  await db.transaction((tx) => applyPaymentIntent(tx, pi, Math.floor(now.getTime() / 1000)));
  return paymentStatusOf(pi);
}

/** The worker's charge run: every claimable part, one at a time. Safe from any number of workers at once. */
export async function chargeDueInstallments(db: Db, now: Date, limit = 100) {
  const due = await db
    .select({ id: installments.id })
    .from(installments)
    .where(claimable(now))
    .orderBy(installments.nextAttemptAt)
    .limit(limit);
  const outcomes: Partial<Record<ChargeOutcome, number>> = {};
  for (const { id } of due) {
    const outcome = await chargeInstallment(db, id, now).catch((error: unknown) => {
      logger().error({ err: error, installmentId: id }, 'installment charge failed');
      return 'error' as const;
    });
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return { checked: due.length, outcomes };
}
