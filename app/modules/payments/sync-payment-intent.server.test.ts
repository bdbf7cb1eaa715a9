import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { invoices, payments } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createIssuedInvoice } from '../../../test/factories';
import { stripeClientFor } from '../../../test/fakes/stripe/client';
import { startStripeFake, type StripeFake } from '../../../test/fakes/stripe/server';
import { startPayment } from './start-payment.server';
import { reconcilePendingPayments, syncPaymentIntent } from './sync-payment-intent.server';

let fake: StripeFake;
beforeAll(async () => {
  fake = await startStripeFake();
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_acquit', STRIPE_API_BASE: fake.url });
});
afterAll(() => fake.stop());

const debtor = { type: 'debtor', ip: '127.0.0.1', userAgent: 'vitest' } as const;

/** The debtor opens the payment and pays at Stripe; no webhook ever reaches us (none is configured). */
async function paidWithoutWebhook() {
  const invoice = await createIssuedInvoice();
  const started = await startPayment(db(), {
    invoiceId: invoice.invoiceId,
    requestedMinor: null,
    actor: debtor,
  });
  if (!started.ok) throw new Error(started.error);
  await stripeClientFor(fake, 'sk_test_acquit').paymentIntents.confirm(
    started.paymentIntentId,
    { payment_method: 'pm_card_visa' },
    { idempotencyKey: `confirm-${started.paymentIntentId}` },
  );
  return { invoice, paymentIntentId: started.paymentIntentId };
}

const statusOf = async (invoiceId: string) =>
  (await db().select().from(invoices).where(eq(invoices.id, invoiceId)))[0]!.status;

describe('catching up with Stripe', () => {
  test('a webhook missed for hours: the catch-up job still records the payment, once', async () => {
    const { invoice, paymentIntentId } = await paidWithoutWebhook();
    expect(await statusOf(invoice.invoiceId)).toBe('open');
    const first = await reconcilePendingPayments(db(), { olderThanMinutes: 0 });
    expect(first.results.succeeded).toBeGreaterThanOrEqual(1);
    expect(await statusOf(invoice.invoiceId)).toBe('paid');
    const [row] = await db()
      .select()
      .from(payments)
      .where(eq(payments.stripePaymentIntentId, paymentIntentId));
    expect(row?.status).toBe('succeeded');
    // Nothing left pending for it, so a second run has nothing to do for this payment.
    await reconcilePendingPayments(db(), { olderThanMinutes: 0 });
    expect(await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId))).toHaveLength(
      1,
    );
  });

  test('the page’s "I am back" read is scoped to its own invoice', async () => {
    const { paymentIntentId } = await paidWithoutWebhook();
    const other = await createIssuedInvoice();
    expect(await syncPaymentIntent(db(), paymentIntentId, other.invoiceId)).toBe('ignored');
    expect(await syncPaymentIntent(db(), 'pi_does_not_exist', other.invoiceId)).toBe('ignored');
    expect(await statusOf(other.invoiceId)).toBe('open');
  });
});
