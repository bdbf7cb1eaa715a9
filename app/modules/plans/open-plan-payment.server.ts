import { and, count, desc, eq, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { payments, type invoices } from '#db/schema/index';
import { paymentStatusOf, REUSABLE } from '~/modules/payments/payment-status';
import type { Tx } from '~/utils/db.server';
import { paymentMethodTypes, stripe } from '~/utils/stripe.server';

export type PlanPaymentSession = { paymentIntentId: string; clientSecret: string; amountMinor: number };

/**
 * Opens (or reopens) the on-session PaymentIntent for one purpose of a plan: its first part (`first:<plan>`), a
 * part the debtor pays on the page (`part:<installment>`), or the rest (`rest:<plan>`). The method is saved on the
 * plan's Stripe Customer for the automatic charges (setup_future_usage off_session: a card, or a SEPA / ACH
 * mandate, which the Payment Element collects). The purpose is kept on our payment row, so a second click or tab
 * reuses the same PaymentIntent; an amount that changed cancels the old one first (it can never be paid as well).
 * The idempotency key is (purpose, amount, attempt). Call with the invoice row locked.
 */
export async function openPlanPayment(
  tx: Tx,
  input: {
    invoice: typeof invoices.$inferSelect;
    planId: string;
    customerId: string;
    purpose: string;
    installmentId: string | null;
    amountMinor: number;
  },
): Promise<PlanPaymentSession> {
  const { invoice, amountMinor } = input;
  const mine = and(
    eq(payments.invoiceId, invoice.id),
    sql`${payments.metadata}->>'purpose' = ${input.purpose}`,
  );
  const [open] = await tx
    .select()
    .from(payments)
    .where(and(mine, sql`${payments.status} IN ('requires_payment_method', 'requires_action', 'failed')`))
    .orderBy(desc(payments.createdAt))
    .limit(1);
  if (open?.stripePaymentIntentId) {
    const pi = await stripe().paymentIntents.retrieve(open.stripePaymentIntentId);
    const reusable = REUSABLE.includes(paymentStatusOf(pi));
    if (reusable && pi.amount === amountMinor) {
      return { paymentIntentId: pi.id, clientSecret: pi.client_secret!, amountMinor };
    }
    if (reusable) {
      await stripe().paymentIntents.cancel(pi.id, {}, { idempotencyKey: `plan-pay-cancel:${pi.id}` });
    }
    await tx.update(payments).set({ status: 'canceled' }).where(eq(payments.id, open.id));
  }
  const [{ value: before } = { value: 0 }] = await tx.select({ value: count() }).from(payments).where(mine);
  const pi = await stripe().paymentIntents.create(
    {
      amount: amountMinor,
      currency: invoice.currency.toLowerCase(),
      customer: input.customerId,
      setup_future_usage: 'off_session',
      allowed_payment_method_types: paymentMethodTypes(
        invoice.currency,
      ) as Stripe.PaymentIntentCreateParams.AllowedPaymentMethodType[],
      description: `Invoice ${invoice.number} (installment plan)`,
      metadata: {
        invoice_id: invoice.id,
        business_id: invoice.businessId,
        invoice_number: invoice.number ?? '',
        plan_id: input.planId,
        ...(input.installmentId ? { installment_id: input.installmentId } : {}),
        charge: 'on_session',
      },
    },
    { idempotencyKey: `plan-pay:${input.purpose}:${amountMinor}:${before + 1}` },
  );
  await tx
    .insert(payments)
    .values({
      businessId: invoice.businessId,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      installmentId: input.installmentId,
      currency: invoice.currency,
      amountMinor,
      status: paymentStatusOf(pi),
      stripePaymentIntentId: pi.id,
      stripeObservedAt: pi.created,
      metadata: { purpose: input.purpose, planId: input.planId },
    })
    .onConflictDoNothing({ target: payments.stripePaymentIntentId });
  return { paymentIntentId: pi.id, clientSecret: pi.client_secret!, amountMinor };
}

/** A Stripe SDK error (network, refusal): the caller answers "try again", never a 500. */
export function isStripeError(error: unknown): boolean {
  return (
    error instanceof Error &&
    'type' in error &&
    String((error as { type: unknown }).type).startsWith('Stripe')
  );
}
