import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, invoices, payments } from '#db/schema/index';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createDraftInvoice,
  createIssuedInvoice,
  createPaidInvoice,
  createPartlyPaidInvoice,
  createUser,
} from '../../test/factories';
import { addProcessingDebit, putOnPlan } from '../../test/factories/dunning';
import type { StripeFake } from '../../test/fakes/stripe/server';
import type { RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { startAppWithStripe } from '../../test/support/stripe-app';

let app: RunningApp;
let fake: StripeFake;
let admin: HttpClient;
let csrf: string;
let businessId: string;

beforeAll(async () => {
  // With Stripe (its fake): the customer's page offers to pay, so closing it shows.
  ({ app, fake } = await startAppWithStripe());
  businessId = (await createBusiness()).id;
  admin = await loginAs(app, await createUser(businessId));
  csrf = await csrfOf(admin, '/admin/invoices');
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

const post = (id: string, fields: Record<string, string>) =>
  admin.postForm(`/admin/invoices/${id}?lang=en`, { csrf, ...fields });
const statusOf = async (id: string) =>
  (await db().select({ status: invoices.status }).from(invoices).where(eq(invoices.id, id)))[0]?.status;
const eventsOf = (id: string, type: string) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.invoiceId, id), eq(events.type, type)));

describe('writing off an invoice (HTTP)', () => {
  it('refuses a missing or overlong reason beside the field; stops collection once; can be undone', async () => {
    const invoice = await createPartlyPaidInvoice({ businessId, paidMinor: 60_000 });
    for (const [reason, says] of [
      ['   ', 'Say why you are giving up collecting this invoice.'],
      ['x'.repeat(501), 'The reason is at most 500 characters.'],
    ] as const) {
      const refused = await post(invoice.invoiceId, { intent: 'write-off', reason });
      expect(refused.status).toBe(400);
      expect(textOf(refused.body)).toContain(says);
    }
    expect(await statusOf(invoice.invoiceId)).toBe('open');
    expect(await eventsOf(invoice.invoiceId, 'invoice.written_off')).toHaveLength(0);

    // The customer had the page open before: their form token.
    const customer = createClient(app.url);
    const customerCsrf = csrfFrom((await customer.get(`/i/${invoice.token}?lang=en`)).body);

    // Sent twice (a double click): written off once, with its reason and what was left.
    for (let i = 0; i < 2; i++) {
      const done = await post(invoice.invoiceId, { intent: 'write-off', reason: 'Client en liquidation' });
      expect(done.status).toBe(200);
      expect(textOf(done.body)).toContain('Balance of €1,050.00 written off');
    }
    expect(await statusOf(invoice.invoiceId)).toBe('uncollectible');
    const written = await eventsOf(invoice.invoiceId, 'invoice.written_off');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      actorType: 'user',
      data: { reason: 'Client en liquidation', balanceMinor: 105_000 },
    });
    const page = textOf((await admin.get(`/admin/invoices/${invoice.invoiceId}?lang=en`)).body);
    expect(page).toContain('Written off');
    expect(page).toContain('€1,050.00 — reason: Client en liquidation');
    expect(page).toContain('Resume collection');
    expect(page).not.toContain('Write off the balance');

    // The customer's link still opens, says so, and offers no payment; a forged payment POST changes nothing.
    const debtorPage = await customer.get(`/i/${invoice.token}?lang=en`);
    expect(debtorPage.status).toBe(200);
    expect(textOf(debtorPage.body)).toContain('Online payment closed');
    expect(debtorPage.body).not.toContain('value="pay"');
    const forged = await customer.postForm(`/i/${invoice.token}?lang=en`, {
      csrf: customerCsrf,
      intent: 'pay',
      amount: '1050',
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    expect(await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId))).toHaveLength(
      1,
    );

    // Undone (twice): open again, once, and the customer can pay.
    for (let i = 0; i < 2; i++) {
      const undone = await post(invoice.invoiceId, { intent: 'undo-write-off' });
      expect(undone.status).toBe(200);
      expect(textOf(undone.body)).toContain('Collection resumed: the invoice is open again.');
    }
    expect(await statusOf(invoice.invoiceId)).toBe('open');
    expect(await eventsOf(invoice.invoiceId, 'invoice.write_off_undone')).toHaveLength(1);
    const reopened = await customer.get(`/i/${invoice.token}?lang=en`);
    expect(reopened.body).toContain('value="pay"');
  });

  it('money received after all is recorded on the written-off invoice, and paying it in full settles it', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    expect((await post(invoice.invoiceId, { intent: 'write-off', reason: 'Injoignable' })).status).toBe(200);
    const page = textOf((await admin.get(`/admin/invoices/${invoice.invoiceId}?lang=en`)).body);
    expect(page).toContain('Record a payment received');
    const transfer = (amount: string, requestKey: string) =>
      post(invoice.invoiceId, {
        intent: 'payment',
        amount,
        receivedOn: todayIn('Europe/Paris'),
        method: 'bank_transfer',
        requestKey,
      });
    expect((await transfer('1000', 'late-transfer-1')).status).toBe(200);
    // Part of it: still written off, no reminder will chase the rest.
    expect(await statusOf(invoice.invoiceId)).toBe('uncollectible');
    expect((await transfer('700', 'late-transfer-2')).status).toBe(409);
    const rest = await transfer('650', 'late-transfer-3');
    expect(rest.status).toBe(200);
    expect(textOf(rest.body)).toContain('Payment recorded: the invoice is paid in full.');
    expect(await statusOf(invoice.invoiceId)).toBe('paid');
    expect(await eventsOf(invoice.invoiceId, 'invoice.paid')).toHaveLength(1);
    expect(await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId))).toHaveLength(
      2,
    );
  });

  it('is refused on a plan, with money in flight, once paid, for a draft, and for another business', async () => {
    const onPlan = await createIssuedInvoice({ businessId });
    await putOnPlan(onPlan, 'active');
    const inFlight = await createIssuedInvoice({ businessId });
    await addProcessingDebit(inFlight);
    const paid = await createPaidInvoice({ businessId });
    const draft = await createDraftInvoice({ businessId });
    const stranger = await createIssuedInvoice();
    const cases = [
      { id: onPlan.invoiceId, status: 409, says: 'A payment plan is running: cancel it first.' },
      { id: inFlight.invoiceId, status: 409, says: 'A payment is being processed: wait for its outcome.' },
      {
        id: paid.invoiceId,
        status: 409,
        says: 'Only an issued invoice with a balance to pay can be written off.',
      },
      {
        id: draft.invoiceId,
        status: 409,
        says: 'Only an issued invoice with a balance to pay can be written off.',
      },
      { id: stranger.invoiceId, status: 404, says: null },
    ];
    for (const c of cases) {
      const answer = await post(c.id, { intent: 'write-off', reason: 'Impayé' });
      expect(answer.status, c.id).toBe(c.status);
      if (c.says) expect(textOf(answer.body)).toContain(c.says);
    }
    for (const c of cases) {
      expect(await statusOf(c.id)).not.toBe('uncollectible');
      expect(await eventsOf(c.id, 'invoice.written_off')).toHaveLength(0);
    }
    // Undoing what was never written off is refused too.
    expect((await post(paid.invoiceId, { intent: 'undo-write-off' })).status).toBe(409);
    expect(await statusOf(paid.invoiceId)).toBe('paid');
  });
});
