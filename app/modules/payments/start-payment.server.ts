import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { business, payments } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db, Tx } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { paymentMethodTypes, stripe } from '~/utils/stripe.server';
import { chooseAmount, payableAmount, type AmountError, type PayableError } from './payable.server';
import { paymentStatusOf, REUSABLE } from './payment-status';

export type StartPaymentResult =
  | { ok: true; paymentIntentId: string; clientSecret: string; amountMinor: number; currency: string }
  | {
      ok: false;
      error: PayableError | AmountError | 'not_found' | 'stripe_unavailable';
      minMinor?: number;
      maxMinor?: number;
    };

async function disputedMinor(tx: Tx, invoiceId: string): Promise<number> {
  const rows = await tx.execute<{ n: string }>(sql`SELECT COALESCE(SUM(amount_minor), 0) AS n FROM disputes
    WHERE invoice_id = ${invoiceId} AND status IN ('waiting_for_us', 'waiting_for_them')`);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Opens (or reopens) the PaymentIntent for paying an invoice from its page. The amount and currency come from the
 * invoice, never from the browser (which may only ask for a partial amount, within the business's rules). The
 * invoice row stays locked while we talk to Stripe, so two tabs or a double click get the same PaymentIntent; the
 * idempotency key (invoice, amount, attempt) makes even a retried request after a lost answer create one.
 */
export async function startPayment(
  db: Db,
  input: { invoiceId: string; requestedMinor: number | null; actor: Actor },
): Promise<StartPaymentResult> {
  try {
    return await db.transaction((tx) => startInTransaction(tx, input));
  } catch (error) {
    if (
      error instanceof Error &&
      'type' in error &&
      String((error as { type: unknown }).type).startsWith('Stripe')
    ) {
      logger().warn(
        { err: { message: error.message, type: (error as { type: string }).type } },
        'stripe refused or failed',
      );
      return { ok: false, error: 'stripe_unavailable' };
    }
    throw error;
  }
}

async function startInTransaction(
  tx: Tx,
  input: { invoiceId: string; requestedMinor: number | null; actor: Actor },
): Promise<StartPaymentResult> {
  const invoice = await lockInvoice(tx, input.invoiceId);
  if (!invoice) return { ok: false, error: 'not_found' };
  const ledger = (await invoiceLedger(tx, invoice.id))!;
  const payable = payableAmount(invoice.status, ledger, await disputedMinor(tx, invoice.id));
  if (!payable.ok) return { ok: false, error: payable.error };
  const [settings] = await tx.select().from(business).where(eq(business.id, invoice.businessId));
  const chosen = chooseAmount(input.requestedMinor, payable.maxMinor, settings!);
  if (!chosen.ok) return chosen;
  const amountMinor = chosen.amountMinor;

  const onPage = and(
    eq(payments.invoiceId, invoice.id),
    isNotNull(payments.stripePaymentIntentId),
    isNull(payments.installmentId),
  );
  const [open] = await tx
    .select()
    .from(payments)
    .where(and(onPage, inArray(payments.status, REUSABLE)))
    .orderBy(desc(payments.createdAt))
    .limit(1);

  let pi: Stripe.PaymentIntent;
  if (open) {
    pi = await stripe().paymentIntents.retrieve(open.stripePaymentIntentId!);
    if (REUSABLE.includes(paymentStatusOf(pi)) && pi.amount !== amountMinor) {
      pi = await stripe().paymentIntents.update(
        pi.id,
        { amount: amountMinor },
        { idempotencyKey: `pi-amount:${pi.id}:${amountMinor}` },
      );
      await tx.update(payments).set({ amountMinor }).where(eq(payments.id, open.id));
    }
    if (REUSABLE.includes(paymentStatusOf(pi))) {
      return {
        ok: true,
        paymentIntentId: pi.id,
        clientSecret: pi.client_secret!,
        amountMinor,
        currency: invoice.currency,
      };
    }
    // Stripe moved on (succeeded, processing, canceled) without us hearing: the webhook or the catch-up job will
    // record it; meanwhile a new attempt would risk paying twice, unless the old one is gone.
    if (paymentStatusOf(pi) !== 'canceled') return { ok: false, error: 'processing' };
    await tx
      .update(payments)
      .set({ status: 'canceled' })
      .where(and(eq(payments.id, open.id), inArray(payments.status, REUSABLE)));
  }

  const [{ value: closed } = { value: 0 }] = await tx
    .select({ value: count() })
    .from(payments)
    .where(and(onPage, eq(payments.status, 'canceled')));
  const attempt = closed + 1;
  pi = await stripe().paymentIntents.create(
    {
      amount: amountMinor,
      currency: invoice.currency.toLowerCase(),
      allowed_payment_method_types: paymentMethodTypes(
        invoice.currency,
      ) as Stripe.PaymentIntentCreateParams.AllowedPaymentMethodType[],
      description: `Invoice ${invoice.number}`,
      metadata: {
        invoice_id: invoice.id,
        business_id: invoice.businessId,
        invoice_number: invoice.number ?? '',
      },
    },
    { idempotencyKey: `invoice-pay:${invoice.id}:${amountMinor}:${attempt}` },
  );
  const inserted = await tx
    .insert(payments)
    .values({
      businessId: invoice.businessId,
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      currency: invoice.currency,
      amountMinor,
      status: paymentStatusOf(pi),
      stripePaymentIntentId: pi.id,
      stripeObservedAt: pi.created,
    })
    .onConflictDoNothing({ target: payments.stripePaymentIntentId })
    .returning({ id: payments.id });
  if (inserted.length) {
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'payment.started',
      actor: input.actor,
      data: { paymentIntentId: pi.id, amountMinor, attempt },
    });
  }
  return {
    ok: true,
    paymentIntentId: pi.id,
    clientSecret: pi.client_secret!,
    amountMinor,
    currency: invoice.currency,
  };
}
