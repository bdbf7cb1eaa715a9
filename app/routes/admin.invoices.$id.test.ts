import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditNotes, emails, events, invoiceLinks, payments } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createDraftInvoice,
  createIssuedInvoice,
  createPaidInvoice,
  createUser,
  readInvoice,
} from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId, { name: 'Claire Admin' }));
  csrf = await csrfOf(client, '/admin/invoices');
});
afterAll(() => app.stop());

const debtor = () => createClient(app.url);
const post = (id: string, fields: Record<string, string>) =>
  client.postForm(`/admin/invoices/${id}?lang=en`, { csrf, ...fields });
const linkIn = (html: string) => /http:\/\/127\.0\.0\.1:\d+(\/i\/[A-Za-z0-9_-]{43})/.exec(html)?.[1];

async function paymentCount(invoiceId: string) {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(payments)
    .where(eq(payments.invoiceId, invoiceId));
  return row?.n ?? 0;
}

describe('invoice page', () => {
  it('names the reminder steps on the timeline, and why one was not sent', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const ids = { businessId, invoiceId: invoice.invoiceId };
    await recordEvent(db(), {
      ...ids,
      type: 'reminder.sent',
      actor: { type: 'system' },
      data: { offsetDays: 7, channel: 'email', tone: 'firm' },
    });
    await recordEvent(db(), {
      ...ids,
      type: 'reminder.skipped',
      actor: { type: 'system' },
      data: { offsetDays: 14, channel: 'call_task', tone: 'firm', reason: 'promised' },
    });
    const en = textOf((await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`)).body);
    expect(en).toContain('Reminder sent');
    expect(en).toContain('Day +7 step (email)');
    expect(en).toContain('Reminder not sent');
    expect(en).toContain('Day +14 step (call to make) — payment promised');
    const fr = textOf((await client.get(`/admin/invoices/${invoice.invoiceId}?lang=fr`)).body);
    expect(fr).toContain('Étape J+7 (e-mail)');
    expect(fr).toContain('Étape J+14 (appel à passer) — paiement promis');
  });

  it('shows the invoice with its lines, ledger and timeline', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const response = await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`);
    expect(response.status).toBe(200);
    const text = textOf(response.body);
    expect(text).toContain(`Invoice ${invoice.number}`);
    expect(text).toContain('Conception graphique');
    expect(text).toContain('€1,650.00');
    expect(text).toContain('Draft created');
    expect(text).toContain('Invoice issued');
    expect(text).toContain('1 live link');
  });

  it('is a 404 for an unknown id, a malformed id, and another business’s invoice', async () => {
    const theirs = await createIssuedInvoice();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id', theirs.invoiceId]) {
      expect((await client.get(`/admin/invoices/${id}`)).status).toBe(404);
    }
    const response = await post(theirs.invoiceId, { intent: 'revoke' });
    expect(response.status).toBe(404);
    const live = await db().select().from(invoiceLinks).where(eq(invoiceLinks.invoiceId, theirs.invoiceId));
    expect(live.every((l) => l.revokedAt === null)).toBe(true);
  });

  it('refuses an action without the CSRF token (403) and changes nothing', async () => {
    const invoice = await createDraftInvoice({ businessId });
    const response = await client.postForm(`/admin/invoices/${invoice.invoiceId}`, { intent: 'issue' });
    expect(response.status).toBe(403);
    expect((await readInvoice(invoice.invoiceId)).status).toBe('draft');
  });
});

describe('links', () => {
  it('rotate: the old link stops working, the new one (shown once) works, and can be emailed', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    expect((await debtor().get(`/i/${invoice.token}`)).status).toBe(200);

    const response = await post(invoice.invoiceId, { intent: 'rotate', sendEmail: 'on' });
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('New link created and emailed to the customer');
    const fresh = linkIn(response.body);
    expect(fresh).toBeDefined();

    expect((await debtor().get(`/i/${invoice.token}`)).status).toBe(404);
    expect((await debtor().get(fresh!)).status).toBe(200);

    const mails = await db().select().from(emails).where(eq(emails.invoiceId, invoice.invoiceId));
    expect(mails).toHaveLength(2);
    const linkMail = mails.find((m) => m.dedupeKey.startsWith('invoice-link:'));
    expect(linkMail?.text).toContain(fresh);
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.invoiceId, invoice.invoiceId), eq(events.type, 'link.rotated')));
    expect(event).toMatchObject({ actorType: 'user', data: { revoked: 1, emailed: true } });

    const page = await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`);
    expect(textOf(page.body)).toContain('Link replaced and emailed to the customer');
    expect(page.body).not.toContain(fresh);
  });

  it('rotate without the email box sends nothing', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const response = await post(invoice.invoiceId, { intent: 'rotate' });
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('New link created; the old ones no longer work.');
    expect(await db().select().from(emails).where(eq(emails.invoiceId, invoice.invoiceId))).toHaveLength(1);
  });

  it('a draft has no link to rotate', async () => {
    const invoice = await createDraftInvoice({ businessId });
    const response = await post(invoice.invoiceId, { intent: 'rotate' });
    expect(response.status).toBe(409);
    expect(
      await db().select().from(invoiceLinks).where(eq(invoiceLinks.invoiceId, invoice.invoiceId)),
    ).toHaveLength(0);
  });

  it('revoke: the link answers 404', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const response = await post(invoice.invoiceId, { intent: 'revoke' });
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('1 link(s) revoked.');
    expect((await debtor().get(`/i/${invoice.token}`)).status).toBe(404);
    expect(textOf((await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`)).body)).toContain(
      'No live link',
    );
  });
});

describe('offline payment', () => {
  it('a double submit with the same request key records one payment', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const page = await client.get(`/admin/invoices/${invoice.invoiceId}`);
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.body)?.[1];
    expect(requestKey).toMatch(/^[0-9a-f-]{36}$/);
    const fields = {
      intent: 'payment',
      amount: '500,00',
      receivedOn: todayIn('Europe/Paris'),
      method: 'cheque',
      reference: 'CHQ 1234567',
      requestKey: requestKey!,
    };

    const [first, second] = await Promise.all([
      post(invoice.invoiceId, fields),
      post(invoice.invoiceId, fields),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await paymentCount(invoice.invoiceId)).toBe(1);
    const again = await post(invoice.invoiceId, fields);
    expect(again.status).toBe(200);
    expect(await paymentCount(invoice.invoiceId)).toBe(1);

    const [payment] = await db().select().from(payments).where(eq(payments.invoiceId, invoice.invoiceId));
    expect(payment).toMatchObject({
      amountMinor: 50_000,
      method: 'cheque',
      reference: 'CHQ 1234567',
      status: 'succeeded',
    });
    const text = textOf((await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`)).body);
    expect(text).toContain('Payment recorded');
    expect(text).toContain('€500.00 by Cheque');
    expect(text).toContain('€1,150.00');
  });

  it('paying the balance marks the invoice paid', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const response = await post(invoice.invoiceId, {
      intent: 'payment',
      amount: '1650',
      receivedOn: todayIn('Europe/Paris'),
      method: 'bank_transfer',
      requestKey: crypto.randomUUID(),
    });
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('the invoice is paid in full');
    expect((await readInvoice(invoice.invoiceId)).status).toBe('paid');
  });

  it.each([
    ['a zero amount', { amount: '0' }, /positive amount/],
    ['an amount that is not a number', { amount: 'lots' }, /positive amount/],
    ['more than the balance', { amount: '99999' }, /more than the balance/],
    ['a date in the future', { receivedOn: '2999-01-01' }, /cannot be in the future/],
    ['an unknown method', { method: 'bitcoin' }, /Choose a payment method/],
  ])('refuses %s with a message and no payment', async (_label, override, message) => {
    const invoice = await createIssuedInvoice({ businessId });
    const response = await post(invoice.invoiceId, {
      intent: 'payment',
      amount: '100',
      receivedOn: todayIn('Europe/Paris'),
      method: 'bank_transfer',
      requestKey: crypto.randomUUID(),
      ...override,
    });
    expect([400, 409]).toContain(response.status);
    expect(textOf(response.body)).toMatch(message);
    expect(await paymentCount(invoice.invoiceId)).toBe(0);
  });
});

describe('void', () => {
  it('needs a reason', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const response = await post(invoice.invoiceId, { intent: 'void', reason: '  ' });
    expect(response.status).toBe(400);
    expect(textOf(response.body)).toContain('Give the reason for voiding.');
    expect((await readInvoice(invoice.invoiceId)).status).toBe('open');
  });

  it('voids an open invoice with a credit note, and shows the reason in the timeline', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const response = await post(invoice.invoiceId, { intent: 'void', reason: 'Sent twice by mistake' });
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toMatch(/Invoice voided by credit note AV-\d{4}-000001/);
    expect((await readInvoice(invoice.invoiceId)).status).toBe('void');
    expect(
      await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.invoiceId)),
    ).toHaveLength(1);
    expect(textOf((await client.get(`/admin/invoices/${invoice.invoiceId}?lang=en`)).body)).toContain(
      'Reason: Sent twice by mistake',
    );
  });

  it('is refused once the invoice is paid', async () => {
    const invoice = await createPaidInvoice({ businessId });
    const response = await post(invoice.invoiceId, { intent: 'void', reason: 'Oops' });
    expect(response.status).toBe(409);
    expect((await readInvoice(invoice.invoiceId)).status).toBe('paid');
  });

  it('an unknown intent is a 400', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    expect((await post(invoice.invoiceId, { intent: 'delete' })).status).toBe(400);
  });
});
