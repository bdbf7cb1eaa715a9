import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type Stripe from 'stripe';
import { customers, statementPaymentAllocations, statementPayments } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { paymentStatusOf, REUSABLE } from '~/modules/payments/payment-status';
import type { Db, Tx } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { paymentMethodTypes, stripe } from '~/utils/stripe.server';
import type { Share } from './allocate';
import { openStatementInvoices, type StatementCustomer } from './load-statement.server';
import { planStatementPayment, type PaymentRequestError, type PaymentRequestInput } from './payment-request';

export type StartStatementPaymentResult =
  | {
      ok: true;
      paymentIntentId: string;
      clientSecret: string;
      amountMinor: number;
      currency: string;
      shares: Share[];
    }
  | ({ ok: false } & PaymentRequestError)
  | { ok: false; field: null; code: 'stripe_unavailable' | 'processing' };

const sameShares = (a: Share[], b: { invoiceId: string; amountMinor: number }[]) =>
  a.length === b.length &&
  a.every((s, i) => s.invoiceId === b[i]!.invoiceId && s.amountMinor === b[i]!.amountMinor);

/**
 * Opens the PaymentIntent for paying several invoices of one customer at once, in one currency. The shares are
 * computed here from the ledger (the browser only names invoices and, optionally, an amount) and written, with the
 * statement payment, before the PaymentIntent is created; they become payments only when Stripe confirms. The
 * customer row stays locked meanwhile, so a double click or two tabs get one PaymentIntent; asking for different
 * shares cancels the open one first, so a customer never has two statement payments to confirm in one currency.
 */
export async function startStatementPayment(
  db: Db,
  input: { customer: StatementCustomer; request: PaymentRequestInput; today: string; actor: Actor },
): Promise<StartStatementPaymentResult> {
  try {
    return await db.transaction((tx) => startInTransaction(tx, input));
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    if (typeof type === 'string' && type.startsWith('Stripe')) {
      logger().warn({ err: { message: (error as Error).message, type } }, 'stripe refused or failed');
      return { ok: false, field: null, code: 'stripe_unavailable' };
    }
    throw error;
  }
}

async function startInTransaction(
  tx: Tx,
  input: { customer: StatementCustomer; request: PaymentRequestInput; today: string; actor: Actor },
): Promise<StartStatementPaymentResult> {
  const { customer } = input;
  await tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, customer.customerId))
    .for('update');
  const open = await openStatementInvoices(tx, customer.customerId, input.today);
  const plan = planStatementPayment(input.request, open, {
    partialPaymentsAllowed: customer.business.partialPaymentsAllowed,
  });
  if (!plan.ok) return plan;

  const [current] = await tx
    .select()
    .from(statementPayments)
    .where(
      and(
        eq(statementPayments.customerId, customer.customerId),
        eq(statementPayments.currency, plan.currency),
        inArray(statementPayments.status, REUSABLE),
        isNotNull(statementPayments.stripePaymentIntentId),
      ),
    )
    .orderBy(desc(statementPayments.createdAt))
    .limit(1);
  if (current) {
    const planned = await tx
      .select({
        invoiceId: statementPaymentAllocations.invoiceId,
        amountMinor: statementPaymentAllocations.amountMinor,
      })
      .from(statementPaymentAllocations)
      .where(eq(statementPaymentAllocations.statementPaymentId, current.id))
      .orderBy(asc(statementPaymentAllocations.position));
    let pi = await stripe().paymentIntents.retrieve(current.stripePaymentIntentId!);
    if (REUSABLE.includes(paymentStatusOf(pi)) && sameShares(plan.shares, planned)) {
      return {
        ok: true,
        paymentIntentId: pi.id,
        clientSecret: pi.client_secret!,
        amountMinor: current.amountMinor,
        currency: current.currency,
        shares: plan.shares,
      };
    }
    if (REUSABLE.includes(paymentStatusOf(pi))) {
      pi = await stripe().paymentIntents.cancel(
        pi.id,
        {},
        { idempotencyKey: `statement-cancel:${current.id}` },
      );
    }
    // Stripe moved on without us hearing (processing, succeeded): the webhook or the catch-up job records it, and
    // its shares are then no longer payable here.
    if (paymentStatusOf(pi) !== 'canceled') return { ok: false, field: null, code: 'processing' };
    await tx
      .update(statementPayments)
      .set({ status: 'canceled' })
      .where(and(eq(statementPayments.id, current.id), inArray(statementPayments.status, REUSABLE)));
  }

  const [row] = await tx
    .insert(statementPayments)
    .values({
      businessId: customer.businessId,
      customerId: customer.customerId,
      currency: plan.currency,
      amountMinor: plan.amountMinor,
      status: 'requires_payment_method',
    })
    .returning();
  await tx.insert(statementPaymentAllocations).values(
    plan.shares.map((s, position) => ({
      statementPaymentId: row!.id,
      invoiceId: s.invoiceId,
      position,
      amountMinor: s.amountMinor,
    })),
  );
  const numbers = new Map(open.map((i) => [i.id, i.number]));
  const pi: Stripe.PaymentIntent = await stripe().paymentIntents.create(
    {
      amount: plan.amountMinor,
      currency: plan.currency.toLowerCase(),
      allowed_payment_method_types: paymentMethodTypes(
        plan.currency,
      ) as Stripe.PaymentIntentCreateParams.AllowedPaymentMethodType[],
      description: `Invoices ${plan.shares.map((s) => numbers.get(s.invoiceId)).join(', ')}`.slice(0, 1000),
      metadata: {
        statement_payment_id: row!.id,
        customer_id: customer.customerId,
        business_id: customer.businessId,
      },
    },
    { idempotencyKey: `statement-pay:${row!.id}` },
  );
  await tx
    .update(statementPayments)
    .set({ stripePaymentIntentId: pi.id, status: paymentStatusOf(pi), stripeObservedAt: pi.created })
    .where(eq(statementPayments.id, row!.id));
  await recordEvent(tx, {
    businessId: customer.businessId,
    customerId: customer.customerId,
    type: 'statement.payment_started',
    actor: input.actor,
    data: {
      statementPaymentId: row!.id,
      paymentIntentId: pi.id,
      amountMinor: plan.amountMinor,
      shares: plan.shares,
    },
  });
  return {
    ok: true,
    paymentIntentId: pi.id,
    clientSecret: pi.client_secret!,
    amountMinor: plan.amountMinor,
    currency: plan.currency,
    shares: plan.shares,
  };
}
