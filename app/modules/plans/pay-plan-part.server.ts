import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { installments, paymentPlans } from '#db/schema/index';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db, Tx } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { isStripeError, openPlanPayment, type PlanPaymentSession } from './open-plan-payment.server';

export type PayPartResult =
  | ({ ok: true } & PlanPaymentSession)
  | { ok: false; error: 'not_found' | 'nothing_due' | 'charging' | 'stripe_unavailable' };

/**
 * The debtor pays on the plan page: a part that failed (or is due), or the rest of the plan at once. A part being
 * charged automatically right now is refused (`charging`), and opening the payment cancels the part's automatic
 * retry: from then on the debtor is paying it, so the two can never both go through. (The invoice row lock orders
 * this against the charge job's claim, which takes the same lock.)
 */
export async function payPlanPart(
  db: Db,
  input: { invoiceId: string; what: 'part' | 'rest'; today: string },
): Promise<PayPartResult> {
  try {
    return await db.transaction((tx) => pay(tx, input));
  } catch (error) {
    if (!isStripeError(error)) throw error;
    logger().warn({ err: { message: (error as Error).message } }, 'stripe refused or failed (plan part)');
    return { ok: false, error: 'stripe_unavailable' };
  }
}

async function pay(
  tx: Tx,
  input: { invoiceId: string; what: 'part' | 'rest'; today: string },
): Promise<PayPartResult> {
  const invoice = await lockInvoice(tx, input.invoiceId);
  if (!invoice || invoice.status !== 'open') return { ok: false, error: 'not_found' };
  const [plan] = await tx
    .select()
    .from(paymentPlans)
    .where(and(eq(paymentPlans.invoiceId, invoice.id), eq(paymentPlans.status, 'active')));
  if (!plan?.stripeCustomerId) return { ok: false, error: 'not_found' };
  const open = await tx
    .select()
    .from(installments)
    .where(and(eq(installments.planId, plan.id), inArray(installments.status, ['scheduled', 'failed'])))
    .orderBy(asc(installments.seq));
  const ledger = await invoiceLedger(tx, invoice.id);
  if (!open.length || !ledger || ledger.balanceMinor <= 0) return { ok: false, error: 'nothing_due' };
  if (open.some((p) => p.chargeStartedAt)) return { ok: false, error: 'charging' };

  if (input.what === 'rest') {
    const amountMinor = Math.min(
      open.reduce((a, p) => a + p.amountMinor, 0),
      ledger.balanceMinor - ledger.processingMinor,
    );
    if (amountMinor <= 0) return { ok: false, error: 'nothing_due' };
    await tx
      .update(installments)
      .set({ nextAttemptAt: null })
      .where(
        and(
          eq(installments.planId, plan.id),
          eq(installments.status, 'failed'),
          isNotNull(installments.nextAttemptAt),
        ),
      );
    const session = await openPlanPayment(tx, {
      invoice,
      planId: plan.id,
      customerId: plan.stripeCustomerId,
      purpose: `rest:${plan.id}`,
      installmentId: null,
      amountMinor,
    });
    return { ok: true, ...session };
  }
  const part = open.find((p) => p.status === 'failed' || p.dueDate <= input.today);
  if (!part) return { ok: false, error: 'nothing_due' };
  await tx
    .update(installments)
    .set({ nextAttemptAt: null })
    .where(and(eq(installments.id, part.id), eq(installments.status, 'failed')));
  const session = await openPlanPayment(tx, {
    invoice,
    planId: plan.id,
    customerId: plan.stripeCustomerId,
    purpose: `part:${part.id}`,
    installmentId: part.id,
    amountMinor: part.amountMinor,
  });
  return { ok: true, ...session };
}
