import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '~/utils/db.server';
import { at } from '../../../test/factories';
import { stripeClientFor } from '../../../test/fakes/stripe/client';
import { startStripeFake, type StripeFake } from '../../../test/fakes/stripe/server';
import { remindersOf, secondConnection, sweepAndSend, tasksOf } from '../../../test/support/dunning';
import {
  activePlan,
  chargeRequests,
  eventTypes,
  paymentsOf,
  planEmails,
  planOf,
} from '../../../test/support/plans';
import { syncPaymentIntent } from '~/modules/payments/sync-payment-intent.server';
import { readInvoice } from '../../../test/factories';
import { chargeDueInstallments } from './charge-installments.server';
import { defaultOverduePlans } from './end-plan.server';
import { payPlanPart } from './pay-plan-part.server';

let fake: StripeFake;
beforeAll(async () => {
  // Not Stripe's behaviour: refuses any POST without an idempotency key of the app's own.
  fake = await startStripeFake({ requireIdempotencyKeys: true });
  Object.assign(process.env, { STRIPE_SECRET_KEY: 'sk_test_acquit', STRIPE_API_BASE: fake.url });
});
afterAll(() => fake.stop());

// The debtor agrees on Tuesday 16 June 2026 to the 3-part monthly plan: parts on 16 June, 16 July, 16 August.
const T = '2026-06-16';
const DUE = '2026-06-01';

describe('choosing a plan', () => {
  test('the first part paid on the page activates the plan and schedules the next parts on their dates', async () => {
    const { invoice, planId } = await activePlan(fake, { dueDate: DUE, today: T });
    const { plan, parts } = await planOf(planId);
    expect(plan).toMatchObject({ status: 'active' });
    expect(plan.stripeCustomerId).toMatch(/^cus_/);
    expect(plan.stripePaymentMethodId).toMatch(/^pm_/);
    expect(parts.map((p) => [p.seq, p.dueDate, p.amountMinor, p.status])).toEqual([
      [1, '2026-06-16', 55_000, 'paid'],
      [2, '2026-07-16', 55_000, 'scheduled'],
      [3, '2026-08-16', 55_000, 'scheduled'],
    ]);
    // Charged from 09:00 in Paris on its date (the business's opening hour).
    expect(parts[1]!.nextAttemptAt).toEqual(at('2026-07-16', 9));
    // The method was saved for later: the first PaymentIntent asked for it, on the plan's customer.
    const [first] = (await paymentsOf(invoice.invoiceId)).filter((p) => p.status === 'succeeded');
    expect(first).toMatchObject({ amountMinor: 55_000, installmentId: parts[0]!.id });
    const pi = fake.state.paymentIntents.get(first!.stripePaymentIntentId!)!;
    expect(pi).toMatchObject({ setup_future_usage: 'off_session', customer: plan.stripeCustomerId });
    expect(await eventTypes(invoice.invoiceId)).toEqual(
      expect.arrayContaining(['plan.chosen', 'installment.paid', 'plan.activated']),
    );
  });
});

describe('charging the parts (worker)', () => {
  test('on its date, off-session, once, with a key from (plan, part, attempt)', async () => {
    const { invoice, planId } = await activePlan(fake, { dueDate: DUE, today: T });
    await chargeDueInstallments(db(), at('2026-07-16', 8, 59));
    expect(chargeRequests(fake, planId)).toHaveLength(0);

    await chargeDueInstallments(db(), at('2026-07-16', 9, 15));
    const [request] = chargeRequests(fake, planId);
    expect(request).toMatchObject({ idempotencyKey: `installment:${planId}:2:1`, status: 200 });
    expect(request!.params).toMatchObject({ off_session: 'true', confirm: 'true', amount: '55000' });
    const { parts } = await planOf(planId);
    expect(parts.map((p) => p.status)).toEqual(['paid', 'paid', 'scheduled']);
    expect((await readInvoice(invoice.invoiceId)).status).toBe('open');

    // Later runs the same day charge nothing more; the last part, on its date, completes the plan.
    await chargeDueInstallments(db(), at('2026-07-16', 9, 30));
    await chargeDueInstallments(db(), at('2026-08-16', 9, 15));
    expect(chargeRequests(fake, planId).map((r) => r.idempotencyKey)).toEqual([
      `installment:${planId}:2:1`,
      `installment:${planId}:3:1`,
    ]);
    expect((await planOf(planId)).plan.status).toBe('completed');
    expect((await readInvoice(invoice.invoiceId)).status).toBe('paid');
  });

  test('two workers at once: one charge', async () => {
    const { invoice, planId } = await activePlan(fake, { dueDate: DUE, today: T });
    const other = secondConnection();
    try {
      const now = at('2026-07-16', 9, 15);
      await Promise.all([
        chargeDueInstallments(db(), now),
        chargeDueInstallments(other.db, now),
        chargeDueInstallments(db(), now),
        chargeDueInstallments(other.db, now),
      ]);
    } finally {
      await other.close();
    }
    expect(chargeRequests(fake, planId)).toHaveLength(1);
    const succeeded = (await paymentsOf(invoice.invoiceId)).filter((p) => p.status === 'succeeded');
    expect(succeeded).toHaveLength(2); // the first part and this one
  });

  test('a decline: the event, an email with the plan page link, one retry 3 days later that succeeds', async () => {
    const { invoice, planId } = await activePlan(fake, { dueDate: DUE, today: T });
    fake.failNext({ method: 'POST', path: '/v1/payment_intents', kind: 'decline' });
    await chargeDueInstallments(db(), at('2026-07-16', 9, 15));
    let { parts } = await planOf(planId);
    expect(parts[1]).toMatchObject({ status: 'failed', attempts: 1, lastFailureCode: 'generic_decline' });
    expect(parts[1]!.nextAttemptAt).toEqual(at('2026-07-19', 9));
    expect(await eventTypes(invoice.invoiceId)).toContain('installment.failed');
    const [mail] = await planEmails(invoice.invoiceId);
    expect(mail!.subject).toContain(invoice.number);
    expect(mail!.text).toMatch(/\/i\/[A-Za-z0-9_-]{43}\/plan/);
    expect(mail!.text).toContain('19 juillet 2026');

    // The failure's webhook arriving later changes nothing and mails nothing more.
    const failed = (await paymentsOf(invoice.invoiceId)).find((p) => p.status === 'failed')!;
    await syncPaymentIntent(db(), failed.stripePaymentIntentId!);
    expect(await planEmails(invoice.invoiceId)).toHaveLength(1);

    await chargeDueInstallments(db(), at('2026-07-18', 10));
    expect(chargeRequests(fake, planId)).toHaveLength(1);
    await chargeDueInstallments(db(), at('2026-07-19', 9, 15));
    expect(chargeRequests(fake, planId).map((r) => r.idempotencyKey)).toEqual([
      `installment:${planId}:2:1`,
      `installment:${planId}:2:2`,
    ]);
    ({ parts } = await planOf(planId));
    expect(parts[1]).toMatchObject({ status: 'paid', attempts: 2, nextAttemptAt: null });
  });

  test('a part the debtor is paying on the page is not charged off-session meanwhile', async () => {
    const { invoice, planId } = await activePlan(fake, { dueDate: DUE, today: T });
    // On its due date, before the worker's round, the debtor opens the payment of part 2 on the plan page.
    const session = await payPlanPart(db(), {
      invoiceId: invoice.invoiceId,
      what: 'part',
      today: '2026-07-16',
    });
    if (!session.ok) throw new Error(session.error);
    const opened = (await paymentsOf(invoice.invoiceId)).find(
      (p) => p.stripePaymentIntentId === session.paymentIntentId,
    )!;
    const minutesAfter = (m: number) => new Date(opened.createdAt.getTime() + m * 60_000);

    // (The payments' clock is the real one, so part 3 is due too by then: it is charged, part 2 is not.)
    const keys = () => chargeRequests(fake, planId).map((r) => r.idempotencyKey);
    await chargeDueInstallments(db(), minutesAfter(5));
    expect(keys()).toEqual([`installment:${planId}:3:1`]);
    expect((await planOf(planId)).parts[1]!.status).toBe('scheduled');

    // An abandoned form holds the part back for an hour only; then the worker charges it as planned.
    await chargeDueInstallments(db(), minutesAfter(61));
    expect(keys()).toEqual([`installment:${planId}:3:1`, `installment:${planId}:2:1`]);
  });

  test('authentication_required: the debtor pays the part on the page, and no retry is charged', async () => {
    const { invoice, planId } = await activePlan(fake, { dueDate: DUE, today: T });
    fake.failNext({ method: 'POST', path: '/v1/payment_intents', kind: 'authentication_required' });
    await chargeDueInstallments(db(), at('2026-07-16', 9, 15));
    expect((await planOf(planId)).parts[1]).toMatchObject({
      status: 'failed',
      lastFailureCode: 'authentication_required',
    });
    const [mail] = await planEmails(invoice.invoiceId);
    expect(mail!.text).toContain('Votre banque demande une confirmation');

    const session = await payPlanPart(db(), {
      invoiceId: invoice.invoiceId,
      what: 'part',
      today: '2026-07-17',
    });
    if (!session.ok) throw new Error(session.error);
    expect(session.amountMinor).toBe(55_000);
    // The Payment Element confirms on-session (3D Secure done in the page), then the page reads it back.
    const stripe = stripeClientFor(fake, 'sk_test_acquit');
    const confirmed = await stripe.paymentIntents.confirm(
      session.paymentIntentId,
      { payment_method: 'pm_card_authenticationRequiredOnSetup' },
      { idempotencyKey: `confirm-${session.paymentIntentId}` },
    );
    if (confirmed.status === 'requires_action') fake.authenticate(confirmed.id);
    await syncPaymentIntent(db(), session.paymentIntentId, invoice.invoiceId);
    const { parts, plan } = await planOf(planId);
    expect(parts[1]).toMatchObject({ status: 'paid', nextAttemptAt: null });
    // The new method is the one the next part will be charged to.
    expect(plan.stripePaymentMethodId).toBe(
      fake.state.paymentIntents.get(session.paymentIntentId)!.payment_method,
    );

    await chargeDueInstallments(db(), at('2026-07-19', 9, 15));
    expect(chargeRequests(fake, planId)).toHaveLength(1);
    await chargeDueInstallments(db(), at('2026-08-16', 9, 15));
    expect((await planOf(planId)).parts[2]!.status).toBe('paid');
  });

  test('a part unpaid 7 days after its date ends the plan: call task, ladder resumes one step firmer', async () => {
    // Due Monday 1 June; two parts two weeks apart from the 16th.
    const { invoice, planId } = await activePlan(fake, { dueDate: DUE, today: T, offerId: 'b2' });
    fake.failNext({ method: 'POST', path: '/v1/payment_intents', kind: 'decline', times: 2 });
    await chargeDueInstallments(db(), at('2026-06-30', 9, 15)); // part 2 of 2, two weeks later
    await chargeDueInstallments(db(), at('2026-07-03', 9, 15)); // the retry
    expect((await planOf(planId)).parts[1]).toMatchObject({
      status: 'failed',
      attempts: 2,
      nextAttemptAt: null,
    });
    expect(await planEmails(invoice.invoiceId)).toHaveLength(2);

    expect(await defaultOverduePlans(db(), at('2026-07-06', 10))).toEqual([]); // 6 days after: not yet
    expect(await defaultOverduePlans(db(), at('2026-07-07', 10))).toEqual([planId]);
    expect(await defaultOverduePlans(db(), at('2026-07-07', 11))).toEqual([]);
    const { plan, parts } = await planOf(planId);
    expect(plan.status).toBe('defaulted');
    expect(parts.map((p) => p.status)).toEqual(['paid', 'cancelled']);
    const calls = (await tasksOf(invoice.invoiceId)).filter((t) => t.dedupeKey === `plan-default:${planId}`);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'call', status: 'open', dueOn: '2026-07-07' });
    // Nothing was sent before (the plan paused the ladder from the start): the calendar has reached +30 (1 July),
    // which is firmer than "the step after none", so +30 is claimed today and sent by the next sweep.
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 30, status: 'claimed', scheduledOn: '2026-07-07' }),
    ]);
    await sweepAndSend(at('2026-07-07', 10, 30));
    expect(await remindersOf(invoice.invoiceId)).toEqual([
      expect.objectContaining({ offset: 30, status: 'sent' }),
    ]);
    expect(await eventTypes(invoice.invoiceId)).toContain('plan.defaulted');
  });
});
