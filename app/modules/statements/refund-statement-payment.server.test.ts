import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { events, invoices, refunds } from '#db/schema/index';
import { invoiceLedger } from '~/modules/invoices/invoice-balance.server';
import { db } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { createUser } from '../../../test/factories';
import { stripeClientFor } from '../../../test/fakes/stripe/client';
import type { StripeFake } from '../../../test/fakes/stripe/server';
import type { RunningApp } from '../../../test/setup/app-server';
import { csrfOf, loginAs, textOf } from '../../../test/support/admin-client';
import { customerWithThreeInvoices, sharesOf, statementPaymentByPi } from '../../../test/support/statements';
import { eventsApplied, startAppWithStripe } from '../../../test/support/stripe-app';
import { loadStatementCustomer } from './load-statement.server';
import { startStatementPayment } from './start-statement-payment.server';

let app: RunningApp;
let fake: StripeFake;
let stripe: Stripe;
beforeAll(async () => {
  ({ app, fake } = await startAppWithStripe());
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_acquit', STRIPE_API_BASE: fake.url });
  stripe = stripeClientFor(fake, 'sk_test_acquit');
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

const debtor = { type: 'debtor', ip: '127.0.0.1', userAgent: 'vitest' } as const;

/** The customer pays their three invoices (4 950,00 €) from their statement; Stripe's events are applied. */
async function paidStatement() {
  const three = await customerWithThreeInvoices();
  const customer = (await loadStatementCustomer(db(), three.token))!;
  const started = await startStatementPayment(db(), {
    customer,
    request: { currency: 'EUR', invoiceIds: three.invoices.map((i) => i.invoiceId), amount: '' },
    today: todayIn('Europe/Paris'),
    actor: debtor,
  });
  if (!started.ok) throw new Error(started.code);
  await stripe.paymentIntents.confirm(
    started.paymentIntentId,
    { payment_method: 'pm_card_visa' },
    { idempotencyKey: `confirm:${started.paymentIntentId}` },
  );
  await fake.deliver(eventsAbout(started.paymentIntentId, 'payment_intent.succeeded'));
  await eventsApplied();
  const sp = await statementPaymentByPi(started.paymentIntentId);
  expect(sp.status).toBe('succeeded');
  return { ...three, sp, paymentIntentId: started.paymentIntentId };
}

function eventsAbout(paymentIntentId: string, type: string) {
  return fake.events
    .filter((e) => e.type === type)
    .filter((e) => {
      const o = e.data.object as { id?: string; payment_intent?: string | null };
      return o.id === paymentIntentId || o.payment_intent === paymentIntentId;
    })
    .map((e) => e.id);
}

const balances = (ids: string[]) =>
  Promise.all(ids.map(async (id) => (await invoiceLedger(db(), id))!.balanceMinor));
const stripeRefunds = async (paymentIntentId: string) =>
  (await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 })).data;

describe('refunding a statement payment from the admin (HTTP)', () => {
  test('bad input is refused beside the amount with nothing refunded; a refund reverses the newest invoices, once', async () => {
    const { businessId, customerId, invoices: three, sp, paymentIntentId } = await paidStatement();
    const ids = three.map((i) => i.invoiceId);
    const admin = await loginAs(app, await createUser(businessId));
    const path = `/admin/customers/${customerId}/statement?lang=en`;
    const csrf = await csrfOf(admin, path);
    const page = textOf((await admin.get(path)).body);
    expect(page).toContain('Up to €4,950.00');
    // Each invoice's page sends the business to the statement for it: a share has no refund form of its own.
    const invoicePage = (await admin.get(`/admin/invoices/${ids[0]}?lang=en`)).body;
    expect(textOf(invoicePage)).toContain(
      'Paid from the statement with other invoices: refund it from the statement',
    );
    expect(invoicePage).toContain(`href="/admin/customers/${customerId}/statement?lang=en"`);
    expect(textOf(invoicePage)).not.toContain('Refund this payment');
    const refund = (fields: Record<string, string>) =>
      admin.postForm(path, {
        csrf,
        intent: 'refund',
        paymentId: sp.id,
        requestKey: 'statement-refund-key-1',
        amount: '2475,00',
        ...fields,
      });

    const bad: { status: number; says: string; fields: Record<string, string> }[] = [
      { fields: { amount: 'abc' }, status: 400, says: 'Enter a positive amount with at most 2 decimals.' },
      { fields: { amount: '-10' }, status: 400, says: 'Enter a positive amount with at most 2 decimals.' },
      { fields: { amount: '4950,01' }, status: 400, says: 'You can refund at most €4,950.00.' },
      { fields: { paymentId: 'not-an-id' }, status: 400, says: 'This refund form is incomplete' },
      { fields: { reason: 'because' }, status: 400, says: 'This refund form is incomplete' },
    ];
    for (const { status, says, fields } of bad) {
      const answer = await refund(fields);
      expect(answer.status, JSON.stringify(fields)).toBe(status);
      expect(textOf(answer.body)).toContain(says);
    }
    // Another customer's statement payment, named on this customer's page: not found.
    const stranger = await paidStatement();
    const forged = await refund({ paymentId: stranger.sp.id });
    expect(forged.status).toBe(404);
    expect(await stripeRefunds(paymentIntentId)).toHaveLength(0);
    expect(await stripeRefunds(stranger.paymentIntentId)).toHaveLength(0);
    expect(await balances(ids)).toEqual([0, 0, 0]);

    // Half of it: 2 475,00 € reverses the newest invoice whole and 825,00 € of the middle one.
    const done = await refund({ reason: 'requested_by_customer' });
    expect(done.status).toBe(200);
    expect(textOf(done.body)).toContain('Refund of €2,475.00 requested from Stripe.');
    expect(await balances(ids)).toEqual([0, 82_500, 165_000]);
    const statuses = await db().select().from(invoices).where(inArray(invoices.id, ids));
    expect(ids.map((id) => statuses.find((r) => r.id === id)!.status)).toEqual(['paid', 'open', 'open']);

    // The same form sent again (a double click): Stripe answers with the same refund; nothing moves.
    expect((await refund({ reason: 'requested_by_customer' })).status).toBe(200);
    expect(await stripeRefunds(paymentIntentId)).toHaveLength(1);
    expect((await stripeRefunds(paymentIntentId))[0]).toMatchObject({
      amount: 247_500,
      reason: 'requested_by_customer',
    });
    // Stripe's own webhooks for it, twice: applied already, they change nothing.
    await fake.deliver(eventsAbout(paymentIntentId, 'charge.refunded'), { times: 2 });
    await eventsApplied();
    expect(await balances(ids)).toEqual([0, 82_500, 165_000]);
    const shareRefunds = await db()
      .select()
      .from(refunds)
      .where(
        inArray(
          refunds.paymentId,
          (await sharesOf(sp.id)).map((s) => s.id),
        ),
      );
    expect(shareRefunds.map((r) => r.amountMinor).sort((a, b) => a - b)).toEqual([82_500, 165_000]);
    const requested = await db()
      .select()
      .from(events)
      .where(and(eq(events.customerId, customerId), eq(events.type, 'statement.refund_requested')));
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({ actorType: 'user', data: { amountMinor: 247_500 } });

    // The page now says what came back and what is left; the rest can go too, and then there is no form.
    const after = textOf((await admin.get(path)).body);
    expect(after).toContain('Refunded in all: €2,475.00');
    expect(after).toContain('Up to €2,475.00');
    expect((await refund({ amount: '2475,01', requestKey: 'statement-refund-key-2' })).status).toBe(400);
    const rest = await refund({ amount: '2475', requestKey: 'statement-refund-key-3' });
    expect(rest.status).toBe(200);
    expect(await balances(ids)).toEqual([165_000, 165_000, 165_000]);
    const emptied = textOf((await admin.get(path)).body);
    expect(emptied).toContain('Refunded in all: €4,950.00');
    expect(emptied).not.toContain('Up to');
  });

  test('Stripe down: an error, nothing written; its answer lost after refunding: the same form, sent again, refunds once', async () => {
    const { businessId, customerId, invoices: three, sp, paymentIntentId } = await paidStatement();
    const admin = await loginAs(app, await createUser(businessId));
    const path = `/admin/customers/${customerId}/statement?lang=fr`;
    const csrf = await csrfOf(admin, path);
    // All of it: the retry must not count the refund its own lost answer made.
    const form = { csrf, intent: 'refund', paymentId: sp.id, requestKey: 'down-key-1', amount: '4950' };
    fake.failNext({ method: 'POST', path: '/v1/refunds', kind: '500', times: 3 });
    const down = await admin.postForm(path, form);
    expect(down.status).toBe(409);
    expect(textOf(down.body)).toContain('Stripe ne répond pas');
    expect(await stripeRefunds(paymentIntentId)).toHaveLength(0);
    expect(await balances(three.map((i) => i.invoiceId))).toEqual([0, 0, 0]);

    // Stripe refunds, then every answer (the SDK's own retries too) is lost: the page says to try again.
    fake.failNext({ method: 'POST', path: '/v1/refunds', kind: '500_after_commit', times: 3 });
    expect((await admin.postForm(path, form)).status).toBe(409);
    expect(await stripeRefunds(paymentIntentId)).toHaveLength(1);
    const again = await admin.postForm(path, form);
    expect(again.status).toBe(200);
    expect(textOf(again.body)).toMatch(/Remboursement de 4\s950,00/);
    expect(await stripeRefunds(paymentIntentId)).toHaveLength(1);
    expect(await balances(three.map((i) => i.invoiceId))).toEqual([165_000, 165_000, 165_000]);
  });
});
