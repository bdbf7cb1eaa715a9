import { data, type AppLoadContext } from '@remix-run/node';
import { z } from 'zod';
import { debtor } from '~/i18n/debtor';
import { statementsText } from '~/i18n/statements';
import { db } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { env } from '~/utils/env.server';
import type { Locale } from '~/utils/i18n';
import { consume, isBlockedInMemory, limits } from '~/utils/rate-limit.server';
import { stripeConfigured } from '~/utils/stripe.server';
import type { Share } from './allocate';
import {
  loadStatementCustomer,
  openStatementInvoices,
  recentlyPaidInvoices,
  totalsByCurrency,
} from './load-statement.server';
import { startStatementPayment } from './start-statement-payment.server';
import { syncStatementPayment } from './statement-stripe.server';

/**
 * The lookup behind every statement route: one query, and the same 404 for every bad token (failed lookups count
 * against the caller's IP, as for invoice links; past the limit, 429).
 */
export async function requireStatementForToken(
  request: Request,
  token: string | undefined,
  context: AppLoadContext,
) {
  const limiter = limits.badToken();
  const ip = context.clientIp;
  if (isBlockedInMemory(limiter, ip)) throw new Response(null, { status: 429 });
  const customer = await loadStatementCustomer(db(), token ?? '');
  if (!customer) {
    const allowed = await consume(limiter, ip);
    throw new Response(null, { status: allowed ? 404 : 429 });
  }
  return { customer, today: todayIn(customer.business.timeZone) };
}

/** The page's own words and the payment form's (shared with the invoice page). */
export function statementMessages(locale: Locale): Record<string, string> {
  const shared = Object.entries(debtor[locale]).filter(
    ([k]) => k.startsWith('pay.') || k.startsWith('lang.'),
  );
  return { ...Object.fromEntries(shared), ...statementsText[locale] };
}

export async function statementPageData(customerId: string, timeZone: string, today: string) {
  const open = await openStatementInvoices(db(), customerId, today);
  return {
    open,
    totals: totalsByCurrency(open),
    recent: await recentlyPaidInvoices(db(), customerId, timeZone),
  };
}

const payForm = z.object({
  intent: z.literal('pay'),
  currency: z.string().max(8).default(''),
  amount: z.string().max(32).default(''),
});
const returnedForm = z.object({
  intent: z.literal('payment-returned'),
  paymentIntentId: z.string().regex(/^pi_[A-Za-z0-9_]{1,200}$/),
});

export type StatementActionData =
  | {
      intent: 'pay';
      ok: true;
      clientSecret: string;
      publishableKey: string;
      amountMinor: number;
      currency: string;
      shares: Share[];
    }
  | { intent: 'pay'; ok: false; currency: string; fieldErrors: Record<string, string>; formError?: string }
  | { intent: 'payment-returned'; ok: boolean };

/**
 * The statement page's actions. `pay` checks what the customer asked (invoices and, optionally, an amount) and
 * opens one PaymentIntent for it; a bad request answers 400 with the field's message and writes nothing.
 * `payment-returned` reads the PaymentIntent back from Stripe, within this customer only.
 */
export async function statementAction(
  form: FormData,
  ctx: {
    customer: Awaited<ReturnType<typeof requireStatementForToken>>['customer'];
    today: string;
    locale: Locale;
  },
  actor: { ip: string; userAgent: string | null },
) {
  const messages = statementMessages(ctx.locale);
  const message = (code: string) =>
    (messages[`statement.error.${code}`] ?? messages['statement.error.invalid_request']!).replace(
      '{business}',
      ctx.customer.business.name,
    );
  if (!stripeConfigured() || !env().STRIPE_PUBLISHABLE_KEY) {
    return data<StatementActionData>(
      { intent: 'pay', ok: false, currency: '', fieldErrors: {}, formError: message('stripe_unavailable') },
      { status: 503 },
    );
  }
  const fields = Object.fromEntries(form);
  const returned = returnedForm.safeParse(fields);
  if (returned.success) {
    const result = await syncStatementPayment(db(), returned.data.paymentIntentId, ctx.customer.customerId);
    return data<StatementActionData>(
      { intent: 'payment-returned', ok: result !== 'ignored' },
      { status: result === 'ignored' ? 400 : 200 },
    );
  }
  const pay = payForm.safeParse(fields);
  const invoiceIds = form.getAll('invoice').map(String);
  if (!pay.success || invoiceIds.length > 500 || invoiceIds.some((id) => id.length > 64)) {
    return data<StatementActionData>(
      { intent: 'pay', ok: false, currency: '', fieldErrors: {}, formError: message('invalid_request') },
      { status: 400 },
    );
  }
  const result = await startStatementPayment(db(), {
    customer: ctx.customer,
    request: { currency: pay.data.currency, invoiceIds, amount: pay.data.amount },
    today: ctx.today,
    actor: { type: 'debtor', ip: actor.ip, userAgent: actor.userAgent },
  });
  if (!result.ok) {
    const status = result.code === 'stripe_unavailable' ? 503 : result.code === 'processing' ? 409 : 400;
    return data<StatementActionData>(
      {
        intent: 'pay',
        ok: false,
        currency: pay.data.currency,
        fieldErrors: result.field ? { [result.field]: message(result.code) } : {},
        formError: result.field ? undefined : message(result.code),
      },
      { status },
    );
  }
  return data<StatementActionData>({
    intent: 'pay',
    ok: true,
    clientSecret: result.clientSecret,
    publishableKey: env().STRIPE_PUBLISHABLE_KEY!,
    amountMinor: result.amountMinor,
    currency: result.currency,
    shares: result.shares,
  });
}
