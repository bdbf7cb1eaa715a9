import { data } from '@remix-run/node';
import { z } from 'zod';
import type { InvoiceView } from '~/modules/invoices/types';
import { db } from '~/utils/db.server';
import { env } from '~/utils/env.server';
import { minorDigits, parseDecimal } from '~/utils/money';
import { stripeConfigured } from '~/utils/stripe.server';
import { startPayment } from './start-payment.server';
import { syncPaymentIntent } from './sync-payment-intent.server';

const payForm = z.object({
  intent: z.literal('pay'),
  /** Optional partial amount, as the debtor typed it; the server decides the real amount. */
  amount: z.string().max(32).optional(),
});
const returnedForm = z.object({
  intent: z.literal('payment-returned'),
  paymentIntentId: z.string().regex(/^pi_[A-Za-z0-9_]{1,200}$/),
});

export type PaymentActionData =
  | {
      intent: 'pay';
      ok: true;
      clientSecret: string;
      publishableKey: string;
      amountMinor: number;
      currency: string;
    }
  | { intent: 'pay'; ok: false; error: string; minMinor?: number; maxMinor?: number }
  | { intent: 'payment-returned'; ok: boolean };

/**
 * The debtor page's payment actions. `pay` opens the PaymentIntent for the balance (or a permitted partial
 * amount); `payment-returned` reads the PaymentIntent back from Stripe once the browser says it is done, so the page
 * can show the receipt without waiting for the webhook.
 */
export async function debtorPaymentAction(
  form: FormData,
  view: InvoiceView,
  actor: { ip: string; userAgent: string | null },
) {
  if (!stripeConfigured() || !env().STRIPE_PUBLISHABLE_KEY) {
    return data<PaymentActionData>(
      { intent: 'pay', ok: false, error: 'stripe_unavailable' },
      { status: 503 },
    );
  }
  const fields = Object.fromEntries(form);
  const returned = returnedForm.safeParse(fields);
  if (returned.success) {
    const result = await syncPaymentIntent(db(), returned.data.paymentIntentId, view.id);
    return data<PaymentActionData>(
      { intent: 'payment-returned', ok: result !== 'ignored' },
      { status: result === 'ignored' ? 400 : 200 },
    );
  }
  const pay = payForm.safeParse(fields);
  if (!pay.success)
    return data<PaymentActionData>({ intent: 'pay', ok: false, error: 'invalid_request' }, { status: 400 });
  let requestedMinor: number | null = null;
  if (pay.data.amount?.trim()) {
    requestedMinor = parseDecimal(pay.data.amount, minorDigits(view.currency));
    if (requestedMinor === null || requestedMinor <= 0) {
      return data<PaymentActionData>({ intent: 'pay', ok: false, error: 'amount_invalid' }, { status: 400 });
    }
  }
  const result = await startPayment(db(), {
    invoiceId: view.id,
    requestedMinor,
    actor: { type: 'debtor', ip: actor.ip, userAgent: actor.userAgent },
  });
  if (!result.ok) {
    const status = result.error === 'stripe_unavailable' ? 503 : result.error === 'processing' ? 409 : 400;
    return data<PaymentActionData>({ intent: 'pay', ...result }, { status });
  }
  return data<PaymentActionData>({
    intent: 'pay',
    ok: true,
    clientSecret: result.clientSecret,
    publishableKey: env().STRIPE_PUBLISHABLE_KEY!,
    amountMinor: result.amountMinor,
    currency: result.currency,
  });
}
