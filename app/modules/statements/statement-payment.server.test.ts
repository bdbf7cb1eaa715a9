import { and, eq, inArray, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emails, events, invoices, payments, tasks } from '#db/schema/index';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { startPayment } from '~/modules/payments/start-payment.server';
import { db } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { stripeClientFor } from '../../../test/fakes/stripe/client';
import type { StripeFake } from '../../../test/fakes/stripe/server';
import type { RunningApp } from '../../../test/setup/app-server';
import { eventsApplied, startAppWithStripe } from '../../../test/support/stripe-app';
import { customerWithThreeInvoices, sharesOf, statementPaymentByPi } from '../../../test/support/statements';
import { balanceSql, skipReasonSql } from '~/modules/dunning/skip-rules.server';
import { loadStatementCustomer, openStatementInvoices } from './load-statement.server';
import { startStatementPayment } from './start-statement-payment.server';
import { refundStatementExcess, syncStatementPayment } from './statement-stripe.server';

let app: RunningApp;
let fake: StripeFake;
let stripe: Stripe;
beforeAll(async () => {
  ({ app, fake } = await startAppWithStripe());
  // The test's own module calls talk to the same fake (env() is read on first use, after this).
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_acquit', STRIPE_API_BASE: fake.url });
  stripe = stripeClientFor(fake, 'sk_test_acquit');
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

const debtor = { type: 'debtor', ip: '127.0.0.1', userAgent: 'vitest' } as const;
let keys = 0;
const key = () => `statement-test-${Date.now()}-${keys++}`;

/** Every event Stripe sent about a PaymentIntent or its charge. */
const eventsOf = (piId: string) =>
  fake.events.filter((e) => {
    const o = e.data.object as { id?: string; payment_intent?: string | null };
    return o.id === piId || o.payment_intent === piId;
  });

async function deliver(ids: string[], opts: Parameters<StripeFake['deliver']>[1] = {}) {
  const deliveries = await fake.deliver(ids, opts);
  await eventsApplied();
  return deliveries;
}

async function startFor(
  token: string,
  request: { invoiceIds?: string[]; amount?: string; currency?: string },
) {
  const customer = (await loadStatementCustomer(db(), token))!;
  const result = await startStatementPayment(db(), {
    customer,
    request: {
      currency: request.currency ?? 'EUR',
      invoiceIds: request.invoiceIds ?? [],
      amount: request.amount ?? '',
    },
    today: todayIn('Europe/Paris'),
    actor: debtor,
  });
  if (!result.ok) throw new Error(`start: ${result.code}`);
  return result;
}

const payByCard = (piId: string) =>
  stripe.paymentIntents.confirm(piId, { payment_method: 'pm_card_visa' }, { idempotencyKey: key() });

const balances = async (ids: string[]) =>
  Promise.all(ids.map(async (id) => (await invoiceLedger(db(), id))!.balanceMinor));

describe('a payment of several invoices at once', () => {
  test('webhooks delivered twice and out of order apply it once; a refund of half reverses the newest shares', async () => {
    const { invoices: three, token } = await customerWithThreeInvoices();
    const ids = three.map((i) => i.invoiceId);
    const started = await startFor(token, { invoiceIds: ids });
    expect(started.amountMinor).toBe(3 * 165_000);
    expect(started.shares.map((s) => s.invoiceId)).toEqual(ids);
    // The plan is stored before Stripe confirms; nothing is paid yet.
    const planned = await statementPaymentByPi(started.paymentIntentId);
    expect(planned.allocations.map((a) => [a.invoiceId, a.amountMinor, a.appliedMinor])).toEqual(
      ids.map((id) => [id, 165_000, null]),
    );
    expect(await sharesOf(planned.id)).toHaveLength(0);

    await payByCard(started.paymentIntentId);
    const sent = eventsOf(started.paymentIntentId).map((e) => e.id);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    await deliver(sent, { times: 2, shuffle: true });

    const applied = await statementPaymentByPi(started.paymentIntentId);
    expect(applied).toMatchObject({ status: 'succeeded', excessMinor: 0 });
    expect(applied.appliedAt).toBeInstanceOf(Date);
    const shares = await sharesOf(applied.id);
    expect(shares.map((s) => [s.invoiceId, s.amountMinor, s.status]).sort()).toEqual(
      ids.map((id) => [id, 165_000, 'succeeded']).sort(),
    );
    expect(shares.every((s) => s.method === 'card')).toBe(true);
    expect(await balances(ids)).toEqual([0, 0, 0]);
    const rows = await db().select().from(invoices).where(inArray(invoices.id, ids));
    expect(rows.every((r) => r.status === 'paid')).toBe(true);
    const timeline = await db()
      .select()
      .from(events)
      .where(
        and(inArray(events.invoiceId, ids), inArray(events.type, ['payment.succeeded', 'invoice.paid'])),
      );
    expect(timeline).toHaveLength(6);
    const receipts = await db().select().from(emails).where(inArray(emails.invoiceId, ids));
    expect(receipts.filter((m) => m.dedupeKey.startsWith('receipt:'))).toHaveLength(3);

    // Half of it back: 2 475,00 € reverses the newest invoice whole and 825,00 € of the middle one.
    await stripe.refunds.create(
      { payment_intent: started.paymentIntentId, amount: 247_500 },
      { idempotencyKey: key() },
    );
    const refunded = eventsOf(started.paymentIntentId).filter((e) => e.type === 'charge.refunded');
    await deliver(
      refunded.map((e) => e.id),
      { times: 2 },
    );
    expect(await balances(ids)).toEqual([0, 82_500, 165_000]);
    const after = await db().select().from(invoices).where(inArray(invoices.id, ids));
    expect(ids.map((id) => after.find((r) => r.id === id)!.status)).toEqual(['paid', 'open', 'open']);
    // The reports' settled figure (kept by triggers on payments and refunds) agrees with the derived ledger.
    expect(ids.map((id) => after.find((r) => r.id === id)!.settledMinor)).toEqual([165_000, 82_500, 0]);
  });

  test('an invoice paid on its own page meanwhile gets nothing more; the excess goes back to the card, once', async () => {
    const { invoices: three, token } = await customerWithThreeInvoices();
    const [oldest, middle] = three;
    const started = await startFor(token, { invoiceIds: [oldest!.invoiceId, middle!.invoiceId] });

    // The middle invoice is paid on its own page before the statement payment is confirmed.
    const own = await startPayment(db(), {
      invoiceId: middle!.invoiceId,
      requestedMinor: null,
      actor: debtor,
    });
    if (!own.ok) throw new Error(own.error);
    await payByCard(own.paymentIntentId);
    await deliver(eventsOf(own.paymentIntentId).map((e) => e.id));
    expect((await invoiceLedger(db(), middle!.invoiceId))!.balanceMinor).toBe(0);

    await payByCard(started.paymentIntentId);
    await deliver(eventsOf(started.paymentIntentId).map((e) => e.id));
    const sp = await statementPaymentByPi(started.paymentIntentId);
    expect(sp).toMatchObject({ status: 'succeeded', excessMinor: 165_000 });
    expect(sp.allocations.map((a) => a.appliedMinor)).toEqual([165_000, 0]);
    // Never over-credited: the middle invoice has exactly its own page's payment.
    const middleLedger = (await invoiceLedger(db(), middle!.invoiceId))!;
    expect(middleLedger.paidMinor).toBe(middle!.totalMinor);
    const middlePayments = await db()
      .select()
      .from(payments)
      .where(eq(payments.invoiceId, middle!.invoiceId));
    expect(middlePayments).toHaveLength(1);
    expect((await invoiceLedger(db(), oldest!.invoiceId))!.balanceMinor).toBe(0);

    // The excess is refunded once, however often the job runs, and its webhook reverses no share.
    const refundCalls = () =>
      fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.status === 200);
    const before = refundCalls().length;
    await Promise.all([refundStatementExcess(db()), refundStatementExcess(db())]);
    await refundStatementExcess(db());
    expect(refundCalls().length - before).toBeGreaterThanOrEqual(1);
    const made = [...fake.state.refunds.values()].filter((r) => r.payment_intent === started.paymentIntentId);
    expect(made.map((r) => r.amount)).toEqual([165_000]);
    expect((await statementPaymentByPi(started.paymentIntentId)).excessRefundId).toBe(made[0]!.id);
    await deliver(
      eventsOf(started.paymentIntentId)
        .filter((e) => e.type === 'charge.refunded')
        .map((e) => e.id),
    );
    expect(await balances([oldest!.invoiceId, middle!.invoiceId])).toEqual([0, 0]);
  });

  test('a SEPA debit: the shares show as processing (not offered again, no reminder), then paid once it clears', async () => {
    const { invoices: three, token, customerId } = await customerWithThreeInvoices();
    const ids = three.map((i) => i.invoiceId);
    const started = await startFor(token, { invoiceIds: ids.slice(0, 2) });
    const pm = await stripe.paymentMethods.create(
      {
        type: 'sepa_debit',
        sepa_debit: { iban: 'DE89370400440532013000' },
        billing_details: { name: 'Julie Petit', email: 'julie@example.com' },
      },
      { idempotencyKey: key() },
    );
    const mandate = {
      customer_acceptance: {
        type: 'online' as const,
        online: { ip_address: '127.0.0.1', user_agent: 'vitest' },
      },
    };
    const pi = await stripe.paymentIntents.confirm(
      started.paymentIntentId,
      { payment_method: pm.id, mandate_data: mandate },
      { idempotencyKey: key() },
    );
    expect(pi.status).toBe('processing');
    await deliver(eventsOf(pi.id).map((e) => e.id));
    const open = await openStatementInvoices(db(), customerId, todayIn('Europe/Paris'));
    expect(open.map((i) => [i.states.includes('processing'), i.payableMinor])).toEqual([
      [true, 0],
      [true, 0],
      [false, 165_000],
    ]);
    const skips = await db().execute<{ reason: string | null }>(sql`
      SELECT ${skipReasonSql(sql`i`, balanceSql(sql`i`), sql`CURRENT_DATE`)} AS reason
      FROM invoices i WHERE i.id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) ORDER BY i.due_date`);
    expect(skips.map((r) => r.reason)).toEqual(['debit_processing', 'debit_processing', null]);
    expect(await balances(ids)).toEqual([165_000, 165_000, 165_000]);

    fake.settle(pi.id, 'succeeded');
    await deliver(eventsOf(pi.id).map((e) => e.id));
    expect(await balances(ids)).toEqual([0, 0, 165_000]);
    expect(
      (await sharesOf((await statementPaymentByPi(pi.id)).id)).every((s) => s.method === 'sepa_debit'),
    ).toBe(true);
  });

  test('a lost chargeback takes back the shares newest due first, once, in any order; the read-back is per customer', async () => {
    const { invoices: three, token, customerId } = await customerWithThreeInvoices();
    const ids = three.map((i) => i.invoiceId);
    const started = await startFor(token, { invoiceIds: ids });
    const pi = await payByCard(started.paymentIntentId);
    await deliver(eventsOf(pi.id).map((e) => e.id));
    expect(await balances(ids)).toEqual([0, 0, 0]);

    // Another customer's statement link cannot read this payment back.
    const stranger = await customerWithThreeInvoices();
    expect(await syncStatementPayment(db(), pi.id, stranger.customerId)).toBe('ignored');
    expect(await syncStatementPayment(db(), pi.id, customerId)).toBe('unchanged');

    const chargeId = pi.latest_charge as string;
    fake.dispute(chargeId, { amount: 200_000 });
    fake.dispute(chargeId, { status: 'lost' });
    const disputes = fake.events.filter(
      (e) => e.type.startsWith('charge.dispute.') && (e.data.object as Stripe.Dispute).charge === chargeId,
    );
    await deliver(disputes.map((e) => e.id).reverse(), { times: 2 });
    expect(await balances(ids)).toEqual([0, 35_000, 165_000]);
    const shares = await sharesOf((await statementPaymentByPi(pi.id)).id);
    expect(shares.every((p) => p.chargebackStatus === 'lost')).toBe(true);
    const chargebackTasks = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.customerId, customerId), eq(tasks.kind, 'chargeback')));
    expect(chargebackTasks).toHaveLength(1);
  });

  test('a double click opens one PaymentIntent; asking for other invoices replaces it', async () => {
    const { invoices: three, token } = await customerWithThreeInvoices();
    const ids = three.map((i) => i.invoiceId);
    const [a, b] = await Promise.all([
      startFor(token, { invoiceIds: ids }),
      startFor(token, { invoiceIds: ids }),
    ]);
    expect(a.paymentIntentId).toBe(b.paymentIntentId);
    const other = await startFor(token, { invoiceIds: [ids[0]!] });
    expect(other.paymentIntentId).not.toBe(a.paymentIntentId);
    expect(fake.state.paymentIntents.get(a.paymentIntentId)?.status).toBe('canceled');
    expect((await statementPaymentByPi(a.paymentIntentId)).status).toBe('canceled');
  });
});
