import { and, eq, inArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { business, installments, invoices, paymentPlans } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { localInstant } from '~/modules/dunning/business-calendar';
import type { PaymentStatus } from '~/modules/payments/payment-status';
import type { Tx } from '~/utils/db.server';
import { queueInstallmentFailedEmail } from './installment-failed-email.server';
import { retryInstant } from './plan-times';

const stripeActor: Actor = { type: 'stripe' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The plan a PaymentIntent pays into, from the metadata we put on it (never from the browser). */
export function planRefOf(pi: Pick<Stripe.PaymentIntent, 'metadata'>) {
  const planId = pi.metadata?.plan_id;
  if (!planId || !UUID.test(planId)) return null;
  const installmentId = pi.metadata.installment_id;
  return {
    planId,
    installmentId: installmentId && UUID.test(installmentId) ? installmentId : null,
    offSession: pi.metadata.charge === 'off_session',
  };
}

/**
 * What a PaymentIntent's new status means for its plan; called by applyPaymentIntent, in its transaction (the
 * invoice row is locked), only when our payment row changed. Every update is guarded by the current status, so a
 * redelivered event, the page's read-back and the charge job's own result converge on one outcome:
 * - succeeded: the part (or, for "pay the rest", every part left) is paid; the first part activates the plan, saves
 *   the method for the next charges and schedules them on their dates; the last part completes the plan.
 * - processing (a bank debit): the same parts wait; a first part debit activates the plan (DESIGN.md).
 * - failed, for an automatic (off-session) charge or a debit that bounced: the part failed: an event, an email with
 *   a link to pay it on the page, and one automatic retry 3 days later (installment-failed-email.server.ts).
 * A debtor's own failed attempt on the page changes nothing: the page says so, and they try again.
 */
export async function applyPlanPayment(
  tx: Tx,
  input: { pi: Stripe.PaymentIntent; next: PaymentStatus; previous: string | null; now: Date },
): Promise<void> {
  const ref = planRefOf(input.pi);
  if (!ref) return;
  const [plan] = await tx
    .select({
      id: paymentPlans.id,
      status: paymentPlans.status,
      invoiceId: paymentPlans.invoiceId,
      timeZone: business.timeZone,
      hour: business.reminderWindowStartHour,
      businessId: business.id,
    })
    .from(paymentPlans)
    .innerJoin(invoices, eq(invoices.id, paymentPlans.invoiceId))
    .innerJoin(business, eq(business.id, invoices.businessId))
    .where(eq(paymentPlans.id, ref.planId));
  if (!plan || plan.invoiceId !== input.pi.metadata.invoice_id) return;
  const parts = ref.installmentId
    ? and(eq(installments.planId, plan.id), eq(installments.id, ref.installmentId))
    : and(
        eq(installments.planId, plan.id),
        inArray(installments.status, ['scheduled', 'failed', 'processing']),
      );
  const { next, now } = input;

  if (next === 'succeeded' || next === 'processing') {
    const changed = await tx
      .update(installments)
      .set(
        next === 'succeeded'
          ? { status: 'paid', paidAt: now, nextAttemptAt: null, chargeStartedAt: null }
          : { status: 'processing', nextAttemptAt: null, chargeStartedAt: null },
      )
      .where(
        and(
          parts,
          inArray(
            installments.status,
            next === 'succeeded' ? ['scheduled', 'failed', 'processing'] : ['scheduled', 'failed'],
          ),
        ),
      )
      .returning({ id: installments.id, seq: installments.seq, amountMinor: installments.amountMinor });
    for (const part of changed) {
      await recordEvent(tx, {
        businessId: plan.businessId,
        invoiceId: plan.invoiceId,
        type: next === 'succeeded' ? 'installment.paid' : 'installment.processing',
        actor: stripeActor,
        data: {
          planId: plan.id,
          installmentId: part.id,
          seq: part.seq,
          amountMinor: part.amountMinor,
          paymentIntentId: input.pi.id,
        },
      });
    }
    if (changed.some((p) => p.seq === 1) && plan.status === 'pending') await activate(tx, plan, input.pi);
    else if (
      plan.status === 'active' &&
      input.pi.payment_method &&
      input.pi.setup_future_usage === 'off_session'
    ) {
      // Paid on the page with a new method: the next charges use it.
      await tx
        .update(paymentPlans)
        .set({ stripePaymentMethodId: String(input.pi.payment_method) })
        .where(eq(paymentPlans.id, plan.id));
    }
    await completeIfDone(tx, plan, now);
    return;
  }

  if (next === 'failed' && (ref.offSession || input.previous === 'processing') && ref.installmentId) {
    const code = input.pi.last_payment_error?.decline_code ?? input.pi.last_payment_error?.code ?? 'failed';
    const first = await recordEvent(tx, {
      businessId: plan.businessId,
      invoiceId: plan.invoiceId,
      type: 'installment.failed',
      actor: stripeActor,
      data: { planId: plan.id, installmentId: ref.installmentId, code, paymentIntentId: input.pi.id },
      dedupeKey: `installment-failed:${input.pi.id}`,
    });
    if (!first) return;
    const [current] = await tx
      .select({ attempts: installments.attempts, startedAt: installments.chargeStartedAt })
      .from(installments)
      .where(parts);
    // One automatic retry, after the first automatic attempt only, counted from when that attempt was made.
    const retryAt =
      current && current.attempts <= 1
        ? retryInstant(current.startedAt ?? now, plan.timeZone, plan.hour)
        : null;
    const [part] = await tx
      .update(installments)
      .set({ status: 'failed', lastFailureCode: code, chargeStartedAt: null, nextAttemptAt: retryAt })
      .where(and(parts, inArray(installments.status, ['scheduled', 'processing', 'failed'])))
      .returning({ id: installments.id, seq: installments.seq, nextAttemptAt: installments.nextAttemptAt });
    if (part && plan.status === 'active') {
      await queueInstallmentFailedEmail(tx, {
        installmentId: part.id,
        paymentIntentId: input.pi.id,
        code,
        retryOn: part.nextAttemptAt,
      });
    }
  }
}

async function activate(
  tx: Tx,
  plan: { id: string; invoiceId: string; businessId: string; timeZone: string; hour: number },
  pi: Stripe.PaymentIntent,
) {
  const [done] = await tx
    .update(paymentPlans)
    .set({
      status: 'active',
      activatedAt: new Date(),
      stripeCustomerId: typeof pi.customer === 'string' ? pi.customer : (pi.customer?.id ?? null),
      stripePaymentMethodId:
        typeof pi.payment_method === 'string' ? pi.payment_method : (pi.payment_method?.id ?? null),
    })
    .where(and(eq(paymentPlans.id, plan.id), eq(paymentPlans.status, 'pending')))
    .returning({ id: paymentPlans.id });
  if (!done) return;
  const later = await tx
    .select({ id: installments.id, dueDate: installments.dueDate })
    .from(installments)
    .where(and(eq(installments.planId, plan.id), eq(installments.status, 'scheduled')));
  for (const part of later) {
    await tx
      .update(installments)
      .set({ nextAttemptAt: localInstant(part.dueDate, plan.hour, 0, plan.timeZone) })
      .where(and(eq(installments.id, part.id), eq(installments.status, 'scheduled')));
  }
  await recordEvent(tx, {
    businessId: plan.businessId,
    invoiceId: plan.invoiceId,
    type: 'plan.activated',
    actor: stripeActor,
    data: { planId: plan.id, paymentIntentId: pi.id },
  });
}

/** Every part paid: the plan is completed (guarded: once). */
export async function completeIfDone(
  tx: Tx,
  plan: { id: string; invoiceId: string; businessId: string },
  now: Date,
) {
  const [left] = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM installments
    WHERE plan_id = ${plan.id} AND status <> 'paid' AND status <> 'cancelled'`);
  if (left?.n) return;
  const [done] = await tx
    .update(paymentPlans)
    .set({ status: 'completed', endedAt: now })
    .where(and(eq(paymentPlans.id, plan.id), inArray(paymentPlans.status, ['pending', 'active'])))
    .returning({ id: paymentPlans.id });
  if (done) {
    await recordEvent(tx, {
      businessId: plan.businessId,
      invoiceId: plan.invoiceId,
      type: 'plan.completed',
      actor: stripeActor,
      data: { planId: plan.id },
    });
  }
}
