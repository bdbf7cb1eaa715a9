/** Installment plans in tests: a business with offers, a plan chosen and its first part paid, the charge run. */
import { and, asc, eq, like } from 'drizzle-orm';
import type { InstallmentOffer } from '#db/schema/business';
import { emails, events, installments, paymentPlans, payments, tasks } from '#db/schema/index';
import { startPlan } from '~/modules/plans/start-plan.server';
import { syncPaymentIntent } from '~/modules/payments/sync-payment-intent.server';
import { db } from '~/utils/db.server';
import { stripeClientFor } from '../fakes/stripe/client';
import type { StripeFake } from '../fakes/stripe/server';
import { createBusiness, createInvoiceDueOn } from '../factories';

export const OFFERS: InstallmentOffer[] = [
  { id: 'x3', parts: 3, interval: 'monthly' },
  { id: '303040', parts: 3, splitPercent: [30, 30, 40], interval: 'monthly' },
  { id: 'b2', parts: 2, interval: 'biweekly' },
];

export const debtor = { type: 'debtor', ip: '127.0.0.1', userAgent: 'vitest' } as const;

/**
 * An invoice due on `dueDate`, put on the `offerId` plan on `today` with its first part paid by `card` (as the
 * Payment Element would confirm it), and read back as the page does: the plan is active.
 */
export async function activePlan(
  fake: StripeFake,
  opts: { dueDate: string; today: string; offerId?: string; card?: string },
) {
  const business = await createBusiness({ installmentOffers: OFFERS });
  const invoice = await createInvoiceDueOn(opts.dueDate, { businessId: business.id });
  const started = await startPlan(db(), {
    invoiceId: invoice.invoiceId,
    offerId: opts.offerId ?? 'x3',
    today: opts.today,
    actor: debtor,
  });
  if (!started.ok) throw new Error(`startPlan: ${started.error}`);
  await stripeClientFor(fake, 'sk_test_acquit').paymentIntents.confirm(
    started.paymentIntentId,
    { payment_method: opts.card ?? 'pm_card_visa' },
    { idempotencyKey: `confirm-${started.paymentIntentId}` },
  );
  await syncPaymentIntent(db(), started.paymentIntentId, invoice.invoiceId);
  return { business, invoice, planId: started.planId, firstPaymentIntentId: started.paymentIntentId };
}

export async function planOf(planId: string) {
  const [plan] = await db().select().from(paymentPlans).where(eq(paymentPlans.id, planId));
  const parts = await db()
    .select()
    .from(installments)
    .where(eq(installments.planId, planId))
    .orderBy(asc(installments.seq));
  return { plan: plan!, parts };
}

/** The off-session charges the app asked Stripe for, for one plan (their idempotency keys name the plan). */
export function chargeRequests(fake: StripeFake, planId: string) {
  return fake.requests.filter(
    (r) =>
      r.method === 'POST' &&
      r.path === '/v1/payment_intents' &&
      r.idempotencyKey?.startsWith(`installment:${planId}:`),
  );
}

export async function planEmails(invoiceId: string) {
  return db()
    .select()
    .from(emails)
    .where(and(eq(emails.invoiceId, invoiceId), like(emails.dedupeKey, 'installment-failed:%')));
}

export async function eventTypes(invoiceId: string) {
  const rows = await db()
    .select({ type: events.type })
    .from(events)
    .where(eq(events.invoiceId, invoiceId))
    .orderBy(asc(events.createdAt));
  return rows.map((r) => r.type);
}

export async function paymentsOf(invoiceId: string) {
  return db().select().from(payments).where(eq(payments.invoiceId, invoiceId));
}

export async function tasksFor(invoiceId: string) {
  return db().select().from(tasks).where(eq(tasks.invoiceId, invoiceId));
}
