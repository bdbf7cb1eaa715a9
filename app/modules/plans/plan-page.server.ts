import { data } from '@remix-run/node';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { installments, paymentPlans } from '#db/schema/index';
import { debtor } from '~/i18n/debtor';
import { plansText } from '~/i18n/plans';
import type { InvoiceView } from '~/modules/invoices/types';
import { syncPaymentIntent } from '~/modules/payments/sync-payment-intent.server';
import { db } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import type { Locale } from '~/utils/i18n';
import { stripeConfigured } from '~/utils/stripe.server';
import { payPlanPart } from './pay-plan-part.server';
import { planOffersFor } from './plan-offers.server';
import { startPlan } from './start-plan.server';

export type PlanPart = { id: string; seq: number; dueDate: string; amountMinor: number; status: string };

/** What the plan page shows: the live plan with its parts, or the offers with their schedules. */
export async function planPageData(view: InvoiceView, today: string) {
  const [plan] = await db()
    .select()
    .from(paymentPlans)
    .where(and(eq(paymentPlans.invoiceId, view.id), inArray(paymentPlans.status, ['pending', 'active'])))
    .orderBy(desc(paymentPlans.createdAt))
    .limit(1);
  if (plan) {
    const parts: PlanPart[] = await db()
      .select({
        id: installments.id,
        seq: installments.seq,
        dueDate: installments.dueDate,
        amountMinor: installments.amountMinor,
        status: installments.status,
      })
      .from(installments)
      .where(eq(installments.planId, plan.id))
      .orderBy(asc(installments.seq));
    const offerId = (plan.offer as { id?: string }).id ?? '';
    return { kind: 'plan' as const, plan: { id: plan.id, status: plan.status, offerId }, parts };
  }
  return { kind: 'offers' as const, offers: await planOffersFor(db(), view.id, today) };
}

/** The page's words: the plan strings and the payment form's, for one language (this route ships its own). */
export function planMessages(locale: Locale): Record<string, string> {
  const pay = Object.entries(debtor[locale]).filter(([k]) => k.startsWith('pay.') || k.startsWith('lang.'));
  return { ...Object.fromEntries(pay), ...plansText[locale] };
}

const actionForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('choose'), offerId: z.string().trim().min(1).max(40) }),
  z.object({ intent: z.literal('pay-part') }),
  z.object({ intent: z.literal('pay-rest') }),
  z.object({
    intent: z.literal('payment-returned'),
    paymentIntentId: z.string().regex(/^pi_[A-Za-z0-9_]{1,200}$/),
  }),
]);

export type PlanActionData =
  | { intent: 'pay'; ok: true; clientSecret: string; publishableKey: string; amountMinor: number }
  | { intent: 'pay'; ok: false; error: string }
  | { intent: 'payment-returned'; ok: boolean };

/**
 * The plan page's POSTs (the route has checked the token, the rate limit and the form token): choose an offer and
 * open its first part, pay a failed part or the rest, or read a payment back after the Payment Element confirmed
 * it. Amounts and dates always come from the server.
 */
export async function planAction(
  form: FormData,
  view: InvoiceView,
  today: string,
  actor: { ip: string; userAgent: string | null },
) {
  const parsed = actionForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return data<PlanActionData>({ intent: 'pay', ok: false, error: 'generic' }, { status: 400 });
  }
  if (!stripeConfigured() || !env().STRIPE_PUBLISHABLE_KEY) {
    return data<PlanActionData>({ intent: 'pay', ok: false, error: 'stripe_unavailable' }, { status: 503 });
  }
  const input = parsed.data;
  if (input.intent === 'payment-returned') {
    const result = await syncPaymentIntent(db(), input.paymentIntentId, view.id);
    return data<PlanActionData>(
      { intent: 'payment-returned', ok: result !== 'ignored' },
      { status: result === 'ignored' ? 400 : 200 },
    );
  }
  const result =
    input.intent === 'choose'
      ? await startPlan(db(), {
          invoiceId: view.id,
          offerId: input.offerId,
          today,
          actor: { type: 'debtor', ...actor },
        })
      : await payPlanPart(db(), {
          invoiceId: view.id,
          what: input.intent === 'pay-rest' ? 'rest' : 'part',
          today,
        });
  if (!result.ok) {
    const status = result.error === 'stripe_unavailable' ? 503 : result.error === 'charging' ? 409 : 400;
    return data<PlanActionData>({ intent: 'pay', ok: false, error: result.error }, { status });
  }
  return data<PlanActionData>({
    intent: 'pay',
    ok: true,
    clientSecret: result.clientSecret,
    publishableKey: env().STRIPE_PUBLISHABLE_KEY!,
    amountMinor: result.amountMinor,
  });
}
