import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emails, statementLinks, statementPaymentAllocations, statementPayments } from '#db/schema/index';
import { mintStatementLink } from '~/modules/statements/statement-links.server';
import { db } from '~/utils/db.server';
import { createCustomer, createOverdueInvoice, createUser } from '../../test/factories';
import type { StripeFake } from '../../test/fakes/stripe/server';
import type { RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { customerWithThreeInvoices } from '../../test/support/statements';
import { startAppWithStripe } from '../../test/support/stripe-app';

let app: RunningApp;
let fake: StripeFake;
beforeAll(async () => {
  ({ app, fake } = await startAppWithStripe());
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

const writes = async (customerId: string) => {
  const [row] = await db()
    .select({ n: count() })
    .from(statementPayments)
    .where(eq(statementPayments.customerId, customerId));
  return row!.n;
};

async function openPage(token: string) {
  const client = createClient(app.url);
  const page = await client.get(`/s/${token}?lang=en`);
  expect(page.status).toBe(200);
  const csrf = csrfFrom(page.body);
  const post = (fields: [string, string][]) =>
    client.postForm(`/s/${token}?lang=en`, [['csrf', csrf], ['intent', 'pay'], ...fields]);
  return { client, page, csrf, post };
}

describe('the statement page (HTTP)', () => {
  test('shows every open invoice, privately; every bad token is the same 404', async () => {
    const { token, invoices, customerId } = await customerWithThreeInvoices();
    const { page } = await openPage(token);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const text = textOf(page.body);
    for (const invoice of invoices) expect(text).toContain(invoice.number);
    expect(text).toContain('Total due: €4,950.00');
    expect(text).toContain('40 d');

    const revoked = await mintStatementLink(db(), customerId);
    await db()
      .update(statementLinks)
      .set({ revokedAt: new Date() })
      .where(eq(statementLinks.id, revoked.linkId));
    const expired = await mintStatementLink(db(), customerId, {
      now: new Date(Date.now() - 10 * 86_400_000),
      ttlDays: 1,
    });
    const client = createClient(app.url);
    const answers = await Promise.all(
      [revoked.token, expired.token, 'A'.repeat(43), 'short', `${token}x`].map((bad) =>
        client.get(`/s/${bad}`),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(answers.map((a) => textOf(a.body))).size).toBe(1);
  });

  test('bad amounts and currencies answer 400 with the field’s message and write nothing', async () => {
    const { token, invoices, customerId } = await customerWithThreeInvoices();
    const { post } = await openPage(token);
    const ids = invoices.map((i): [string, string] => ['invoice', i.invoiceId]);
    const cases: { fields: [string, string][]; field: string; message: string }[] = [
      { fields: [['currency', 'EUR'], ...ids, ['amount', '0']], field: 'amount', message: 'more than zero' },
      {
        fields: [['currency', 'EUR'], ...ids, ['amount', '-10']],
        field: 'amount',
        message: 'cannot be negative',
      },
      {
        fields: [['currency', 'EUR'], ...ids, ['amount', '4950.01']],
        field: 'amount',
        message: 'more than the total',
      },
      {
        fields: [['currency', 'EUR'], ...ids, ['amount', '12,3,4']],
        field: 'amount',
        message: 'valid amount',
      },
      {
        fields: [['currency', 'EUR'], ...ids, ['amount', '<script>']],
        field: 'amount',
        message: 'valid amount',
      },
      { fields: [['currency', 'USD'], ...ids], field: 'currency', message: 'currency' },
      { fields: [['currency', 'EURO'], ...ids], field: 'currency', message: 'currency' },
      { fields: [['currency', 'EUR']], field: 'invoices', message: 'Tick at least one' },
      // This business takes whole invoices only.
      {
        fields: [['currency', 'EUR'], ...ids, ['amount', '2000']],
        field: 'amount',
        message: 'whole invoices',
      },
    ];
    for (const { fields, field, message } of cases) {
      const res = await post(fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(textOf(res.body), field).toContain(message);
    }
    expect(await writes(customerId)).toBe(0);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents')).toHaveLength(
      0,
    );
  });

  test('a statement token never reaches another customer’s invoices', async () => {
    const mine = await customerWithThreeInvoices();
    const theirs = await createOverdueInvoice(12, { businessId: mine.businessId });
    const { post, client } = await openPage(mine.token);
    const res = await post([
      ['currency', 'EUR'],
      ['invoice', mine.invoices[0]!.invoiceId],
      ['invoice', theirs.invoiceId],
    ]);
    expect(res.status).toBe(400);
    expect(res.body).toContain('cannot be paid here');
    expect(await writes(mine.customerId)).toBe(0);
    expect(await writes(theirs.customerId)).toBe(0);
    expect((await client.get(`/s/${mine.token}/invoice/${theirs.invoiceId}`)).status).toBe(404);
    expect((await client.get(`/s/${mine.token}/invoice/not-a-uuid`)).status).toBe(404);
    const own = await client.get(`/s/${mine.token}/invoice/${mine.invoices[0]!.invoiceId}?lang=en`);
    expect(own.status).toBe(303);
    expect(own.location).toMatch(/\/i\/[A-Za-z0-9_-]{43}\?lang=en$/);
    // Not a page of theirs either.
    const page = await client.get(`/s/${mine.token}`);
    expect(textOf(page.body)).not.toContain(theirs.number);
  });

  test('paying the ticked invoices opens one PaymentIntent; an amount goes oldest due first', async () => {
    const { token, invoices, customerId } = await customerWithThreeInvoices({ partialPaymentsAllowed: true });
    const { post } = await openPage(token);
    const fields: [string, string][] = [
      ['currency', 'EUR'],
      ['invoice', invoices[2]!.invoiceId],
      ['invoice', invoices[0]!.invoiceId],
      ['amount', '2000,00'],
      // Anything the browser says about amounts beyond these fields is ignored.
      ['amountMinor', '1'],
    ];
    const [a, b] = await Promise.all([post(fields), post(fields)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await writes(customerId)).toBe(1);
    const [row] = await db()
      .select()
      .from(statementPayments)
      .where(eq(statementPayments.customerId, customerId));
    const planned = await db()
      .select()
      .from(statementPaymentAllocations)
      .where(eq(statementPaymentAllocations.statementPaymentId, row!.id));
    expect(planned.sort((x, y) => x.position - y.position).map((p) => [p.invoiceId, p.amountMinor])).toEqual([
      [invoices[0]!.invoiceId, 165_000],
      [invoices[2]!.invoiceId, 35_000],
    ]);
    expect(fake.state.paymentIntents.get(row!.stripePaymentIntentId!)).toMatchObject({
      amount: 200_000,
      currency: 'eur',
      metadata: { statement_payment_id: row!.id, customer_id: customerId },
    });
  });

  test('the statement PDF downloads, in French or English', async () => {
    const { token } = await customerWithThreeInvoices();
    const client = createClient(app.url);
    for (const lang of ['fr', 'en']) {
      const res = await client.get(`/s/${token}/pdf?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await client.get(`/s/${'B'.repeat(43)}/pdf`)).status).toBe(404);
  });
});

describe('the admin statement (HTTP)', () => {
  test('send, rotate and revoke the link; see the figures and the PDF', async () => {
    const { businessId, customerId, invoices, token } = await customerWithThreeInvoices();
    const user = await createUser(businessId);
    const admin = await loginAs(app, user);
    const path = `/admin/customers/${customerId}/statement?lang=en`;
    const csrf = await csrfOf(admin, path);
    const page = textOf((await admin.get(path)).body);
    for (const invoice of invoices) expect(page).toContain(invoice.number);
    expect(page).toContain('Total due: €4,950.00');

    const sent = await admin.postForm(path, { csrf, intent: 'send' });
    expect(sent.status).toBe(200);
    expect(textOf(sent.body)).toContain('Statement sent');
    const mails = await db().select().from(emails).where(eq(emails.customerId, customerId));
    const statementMail = mails.find((m) => m.template === 'statement-link');
    expect(statementMail?.text).toMatch(/\/s\/[A-Za-z0-9_-]{43}/);
    // Sending rotated the link: the old one is gone.
    expect((await createClient(app.url).get(`/s/${token}`)).status).toBe(404);

    const revoked = await admin.postForm(path, { csrf, intent: 'revoke' });
    expect(textOf(revoked.body)).toContain('1 link(s) revoked');
    const links = await db().select().from(statementLinks).where(eq(statementLinks.customerId, customerId));
    expect(links.every((l) => l.revokedAt)).toBe(true);
    expect((await admin.postForm(path, { csrf, intent: 'nonsense' })).status).toBe(400);

    const other = await createCustomer(businessId);
    const noContact = await createCustomer(businessId);
    await db().execute(`DELETE FROM contacts WHERE customer_id = '${noContact.id}'`);
    const nobody = await admin.postForm(`/admin/customers/${noContact.id}/statement?lang=en`, {
      csrf,
      intent: 'send',
    });
    expect(nobody.status).toBe(409);
    expect((await admin.get(`/admin/customers/${other.id}/statement.pdf`)).headers.get('content-type')).toBe(
      'application/pdf',
    );
    const strangerBusiness = await customerWithThreeInvoices();
    expect((await admin.get(`/admin/customers/${strangerBusiness.customerId}/statement`)).status).toBe(404);
    expect((await admin.get(`/admin/customers/${strangerBusiness.customerId}/statement.pdf`)).status).toBe(
      404,
    );
    expect(
      await db()
        .select()
        .from(statementLinks)
        .where(inArray(statementLinks.customerId, [strangerBusiness.customerId])),
    ).toHaveLength(1);
  });
});
