import { and, eq, inArray } from 'drizzle-orm';
import { customers, installments, paymentPlans } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db, Tx } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripe } from '~/utils/stripe.server';
import { isStripeError, openPlanPayment, type PlanPaymentSession } from './open-plan-payment.server';
import { planOffersFor, type OffersRefusal } from './plan-offers.server';

export type StartPlanResult =
  | ({ ok: true; planId: string } & PlanPaymentSession)
  | { ok: false; error: OffersRefusal | 'offer_unknown' | 'not_found' | 'stripe_unavailable' };

/**
 * The debtor agrees to an offer: the schedule is computed again on the server (today, in the business's time
 * zone: never the browser's figures), the plan is written as `pending` with its parts, and the first part's
 * PaymentIntent is opened on a Stripe Customer made for the plan. The plan becomes active when that payment
 * succeeds (or is processing, for a bank debit): applyPlanPayment, from the webhook or the page's read-back.
 * Choosing again while pending reuses the plan when the offer is the same, and replaces it otherwise.
 */
export async function startPlan(
  db: Db,
  input: { invoiceId: string; offerId: string; today: string; actor: Actor },
): Promise<StartPlanResult> {
  try {
    return await db.transaction((tx) => start(tx, input));
  } catch (error) {
    if (!isStripeError(error)) throw error;
    logger().warn({ err: { message: (error as Error).message } }, 'stripe refused or failed (plan)');
    return { ok: false, error: 'stripe_unavailable' };
  }
}

async function start(
  tx: Tx,
  input: { invoiceId: string; offerId: string; today: string; actor: Actor },
): Promise<StartPlanResult> {
  const invoice = await lockInvoice(tx, input.invoiceId);
  if (!invoice) return { ok: false, error: 'not_found' };
  const [live] = await tx
    .select()
    .from(paymentPlans)
    .where(and(eq(paymentPlans.invoiceId, invoice.id), inArray(paymentPlans.status, ['pending', 'active'])));
  if (live?.status === 'active') return { ok: false, error: 'not_payable' };

  const offers = await planOffersFor(tx, invoice.id, input.today);
  if (!offers.ok) return { ok: false, error: offers.reason };
  const chosen = offers.offers.find((o) => o.offer.id === input.offerId);
  if (!chosen) return { ok: false, error: 'offer_unknown' };

  let planId: string;
  let customerId: string;
  const first = chosen.parts[0]!;
  const sameOffer =
    live && JSON.stringify((live.offer as { parts?: unknown }).parts) === JSON.stringify(chosen.parts);
  if (live && sameOffer && live.stripeCustomerId) {
    planId = live.id;
    customerId = live.stripeCustomerId;
  } else {
    if (live) {
      await tx
        .update(paymentPlans)
        .set({ status: 'cancelled', endedAt: new Date() })
        .where(and(eq(paymentPlans.id, live.id), eq(paymentPlans.status, 'pending')));
      await tx
        .update(installments)
        .set({ status: 'cancelled', nextAttemptAt: null })
        .where(eq(installments.planId, live.id));
    }
    const [plan] = await tx
      .insert(paymentPlans)
      .values({
        invoiceId: invoice.id,
        status: 'pending',
        offer: { ...chosen.offer, parts: chosen.parts, start: input.today },
        totalMinor: chosen.parts.reduce((a, p) => a + p.amountMinor, 0),
      })
      .returning({ id: paymentPlans.id });
    planId = plan!.id;
    await tx
      .insert(installments)
      .values(
        chosen.parts.map((p) => ({ planId, seq: p.seq, dueDate: p.dueDate, amountMinor: p.amountMinor })),
      );
    const [customer] = await tx.select().from(customers).where(eq(customers.id, invoice.customerId));
    const created = await stripe().customers.create(
      {
        name: customer!.legalName ?? customer!.name,
        preferred_locales: [customer!.locale],
        metadata: { customer_id: customer!.id, business_id: invoice.businessId, plan_id: planId },
      },
      { idempotencyKey: `plan-customer:${planId}` },
    );
    customerId = created.id;
    await tx.update(paymentPlans).set({ stripeCustomerId: customerId }).where(eq(paymentPlans.id, planId));
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'plan.chosen',
      actor: input.actor,
      data: { planId, offerId: chosen.offer.id, parts: chosen.parts },
    });
  }
  const [part] = await tx
    .select({ id: installments.id })
    .from(installments)
    .where(and(eq(installments.planId, planId), eq(installments.seq, 1)));
  const session = await openPlanPayment(tx, {
    invoice,
    planId,
    customerId,
    purpose: `first:${planId}`,
    installmentId: part!.id,
    amountMinor: first.amountMinor,
  });
  return { ok: true, planId, ...session };
}
