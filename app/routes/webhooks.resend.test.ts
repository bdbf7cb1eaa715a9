import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contacts, emails, events, tasks } from '#db/schema/index';
import { invoiceRecipients } from '~/modules/email/recipients.server';
import { db } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { createBusiness, createCustomer, createIssuedInvoice, createUser } from '../../test/factories';
import { newWebhookSecret, resendEvent, signResendWebhook } from '../../test/fakes/resend';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { loginAs, textOf } from '../../test/support/admin-client';

const SECRET = newWebhookSecret();
const PREVIOUS_SECRET = newWebhookSecret();

let app: RunningApp;
beforeAll(async () => {
  app = await startApp({ RESEND_WEBHOOK_SECRET: `${SECRET},${PREVIOUS_SECRET}`, LOG_LEVEL: 'debug' });
});
afterAll(async () => {
  await app.stop();
});

const post = (signed: { body: string; headers: Record<string, string> }) =>
  fetch(`${app.url}/webhooks/resend`, { method: 'POST', body: signed.body, headers: signed.headers });

/** An issued invoice whose "invoice issued" email the worker has handed to Resend (which gave it an id). */
async function sentInvoice(options: { businessId?: string; customerId?: string } = {}) {
  const invoice = await createIssuedInvoice(options);
  const providerId = `re_${randomUUID()}`;
  const [email] = await db()
    .update(emails)
    .set({ status: 'sent', providerId, sentAt: new Date() })
    .where(eq(emails.invoiceId, invoice.invoiceId))
    .returning();
  const people = await db().select().from(contacts).where(eq(contacts.customerId, invoice.customerId));
  const billing = people.find((c) => c.roles.includes('billing'))!;
  const payable = people.find((c) => c.roles.includes('accounts_payable'))!;
  return { ...invoice, email: email!, providerId, billing, payable };
}

const timeline = (invoiceId: string) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.invoiceId, invoiceId), eq(events.actorType, 'resend')));
const statusOf = async (emailId: string) =>
  (await db().select().from(emails).where(eq(emails.id, emailId)))[0]!.status;
const bounceTasks = (customerId: string) =>
  db()
    .select()
    .from(tasks)
    .where(and(eq(tasks.customerId, customerId), eq(tasks.kind, 'bounce')));
const contactOf = async (id: string) => (await db().select().from(contacts).where(eq(contacts.id, id)))[0]!;

const hardBounce = (
  providerId: string,
  to: string[],
  message = 'The recipient mail server permanently rejected the email.',
) =>
  resendEvent('email.bounced', {
    email_id: providerId,
    to,
    bounce: { type: 'Permanent', subType: 'General', message },
  });

const countRows = async () => {
  const [row] = await db().execute<{ ev: number; t: number; s: number; d: number }>(sql`SELECT
    (SELECT count(*)::int FROM events WHERE actor_type = 'resend') AS ev, (SELECT count(*)::int FROM tasks) AS t,
    (SELECT count(*)::int FROM contacts WHERE email_suppressed_at IS NOT NULL) AS s,
    (SELECT count(*)::int FROM emails WHERE status IN ('delivered', 'bounced', 'complained')) AS d`);
  return row;
};

describe('POST /webhooks/resend', () => {
  test('email.delivered: the email is delivered and the invoice timeline says so; a redelivery changes nothing', async () => {
    const invoice = await sentInvoice();
    const signed = signResendWebhook(
      resendEvent('email.delivered', { email_id: invoice.providerId, to: invoice.email.to }),
      { secret: SECRET },
    );
    const first = await post(signed);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, result: 'applied' });
    expect(await statusOf(invoice.email.id)).toBe('delivered');
    const entries = await timeline(invoice.invoiceId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      type: 'email.delivered',
      actorType: 'resend',
      customerId: invoice.customerId,
      dedupeKey: `resend:${signed.id}`,
      data: { emailId: invoice.email.id, template: 'invoice-issued', statusChanged: true },
    });

    const again = await Promise.all([post(signed), post(signed), post(signed)]);
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await Promise.all(again.map((r) => r.json()))).map((b) => b.result)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await timeline(invoice.invoiceId)).toHaveLength(1);
  });

  test('a hard bounce: the email is bounced, the address suppressed, one "fix this contact" task; the next invoice skips it', async () => {
    const business = await createBusiness({ locale: 'en', timeZone: 'America/New_York' });
    const customer = await createCustomer(business.id, { name: 'Boulangerie Martin' });
    const invoice = await sentInvoice({ businessId: business.id, customerId: customer.id });
    expect(invoice.email.to).toEqual([invoice.billing.email]);
    expect(invoice.email.cc).toEqual([invoice.payable.email]);

    const bounce = signResendWebhook(hardBounce(invoice.providerId, [invoice.billing.email]), {
      secret: SECRET,
    });
    expect((await post(bounce)).status).toBe(200);
    expect(await statusOf(invoice.email.id)).toBe('bounced');
    expect((await contactOf(invoice.billing.id)).emailSuppressedAt).toBeInstanceOf(Date);
    expect((await contactOf(invoice.payable.id)).emailSuppressedAt).toBeNull();
    const [task, ...more] = await bounceTasks(customer.id);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({
      businessId: business.id,
      invoiceId: invoice.invoiceId,
      status: 'open',
      title: 'Fix the email address of Julie Billing (Boulangerie Martin): the message bounced',
      dueOn: todayIn('America/New_York'),
      notes: 'Permanent / General: The recipient mail server permanently rejected the email.',
    });
    const [entry] = await timeline(invoice.invoiceId);
    expect(entry).toMatchObject({
      type: 'email.bounced',
      data: {
        to: [invoice.billing.email],
        permanent: true,
        bounceType: 'Permanent',
        suppressedContactIds: [invoice.billing.id],
      },
    });

    // The same bounce redelivered, and Resend reporting it a second time: still one task, one suppression.
    expect(await (await post(bounce)).json()).toMatchObject({ result: 'duplicate' });
    const second = signResendWebhook(hardBounce(invoice.providerId, [invoice.billing.email]), {
      secret: SECRET,
    });
    expect(await (await post(second)).json()).toMatchObject({ result: 'applied' });
    expect(await bounceTasks(customer.id)).toHaveLength(1);

    // A "delivered" that arrives late does not hide the bounce.
    const late = signResendWebhook(
      resendEvent('email.delivered', { email_id: invoice.providerId, to: invoice.email.to }),
      { secret: SECRET },
    );
    expect((await post(late)).status).toBe(200);
    expect(await statusOf(invoice.email.id)).toBe('bounced');

    // No more mail to that address: the accounts-payable contact now receives the next invoice instead.
    expect(await invoiceRecipients(db(), customer.id)).toEqual({ to: [invoice.payable.email], cc: [] });
    const next = await createIssuedInvoice({ businessId: business.id, customerId: customer.id });
    const [nextEmail] = await db().select().from(emails).where(eq(emails.invoiceId, next.invoiceId));
    expect(nextEmail!.to).toEqual([invoice.payable.email]);
    expect(nextEmail!.cc).toEqual([]);

    // The owner sees it on the invoice's timeline.
    const owner = await loginAs(app, await createUser(business.id));
    const page = await owner.get(`/admin/invoices/${invoice.invoiceId}?lang=en`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toMatch(/Email bounced[\s\S]*Resend/);
  });

  test('a bounce that names the copied address suppresses that contact only', async () => {
    const invoice = await sentInvoice();
    const message = `smtp; 550 5.1.1 <${invoice.payable.email.toUpperCase()}>: Recipient address rejected: User unknown`;
    const event = hardBounce(invoice.providerId, [invoice.billing.email, invoice.payable.email], message);
    expect((await post(signResendWebhook(event, { secret: SECRET }))).status).toBe(200);
    expect((await contactOf(invoice.payable.id)).emailSuppressedAt).toBeInstanceOf(Date);
    expect((await contactOf(invoice.billing.id)).emailSuppressedAt).toBeNull();
    const [task] = await bounceTasks(invoice.customerId);
    // A French business gets its tasks in French.
    expect(task!.title).toMatch(/^Corriger l'adresse e-mail de Marc Payable/);
  });

  test('a transient bounce goes on the timeline only: no suppression, no task', async () => {
    const invoice = await sentInvoice();
    const event = resendEvent('email.bounced', {
      email_id: invoice.providerId,
      to: invoice.email.to,
      bounce: { type: 'Transient', subType: 'MailboxFull', message: 'Mailbox full' },
    });
    expect((await post(signResendWebhook(event, { secret: SECRET }))).status).toBe(200);
    const [entry] = await timeline(invoice.invoiceId);
    expect(entry).toMatchObject({
      type: 'email.bounced',
      data: { permanent: false, suppressedContactIds: [] },
    });
    expect((await contactOf(invoice.billing.id)).emailSuppressedAt).toBeNull();
    expect(await bounceTasks(invoice.customerId)).toHaveLength(0);
  });

  test('a complaint (marked as spam) after delivery: complained, suppressed, one task', async () => {
    const invoice = await sentInvoice();
    await post(
      signResendWebhook(
        resendEvent('email.delivered', { email_id: invoice.providerId, to: invoice.email.to }),
        { secret: SECRET },
      ),
    );
    const complaint = signResendWebhook(
      resendEvent('email.complained', { email_id: invoice.providerId, to: [invoice.billing.email] }),
      {
        secret: PREVIOUS_SECRET,
      },
    );
    expect((await post(complaint)).status).toBe(200);
    expect(await statusOf(invoice.email.id)).toBe('complained');
    expect((await contactOf(invoice.billing.id)).emailSuppressedAt).toBeInstanceOf(Date);
    const found = await bounceTasks(invoice.customerId);
    expect(found).toHaveLength(1);
    expect(found[0]!.title).toContain('signalé comme spam');
    expect((await timeline(invoice.invoiceId)).map((e) => e.type).sort()).toEqual([
      'email.complained',
      'email.delivered',
    ]);
  });

  test('forged, unsigned, stale and re-serialised requests: 400 and nothing written', async () => {
    const invoice = await sentInvoice();
    const event = hardBounce(invoice.providerId, [invoice.billing.email]);
    const before = await countRows();
    const good = signResendWebhook(event, { secret: SECRET });
    const forged = signResendWebhook(event, { secret: newWebhookSecret() });
    const stale = signResendWebhook(event, {
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const { 'svix-signature': _dropped, ...unsigned } = good.headers;
    const answers = await Promise.all([
      post(forged),
      post({ body: good.body, headers: unsigned }),
      post({ body: good.body, headers: { 'content-type': 'application/json' } }),
      post(stale),
      post({ body: JSON.stringify(JSON.parse(good.body), null, 2), headers: good.headers }),
      post({ body: good.body, headers: { ...good.headers, 'svix-id': 'msg_someone_else' } }),
      post({ body: good.body, headers: { ...good.headers, 'svix-signature': 'garbage' } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(await countRows()).toEqual(before);
    expect(await statusOf(invoice.email.id)).toBe('sent');
    // The same bytes, rightly signed, go through.
    expect((await post(good)).status).toBe(200);
    expect(await statusOf(invoice.email.id)).toBe('bounced');
  });

  test('unknown emails, events we do not act on and signed nonsense are answered without writing anything', async () => {
    const before = await countRows();
    const unknown = signResendWebhook(hardBounce('re_not_ours', ['someone@elsewhere.test']), {
      secret: SECRET,
    });
    const unknownAnswer = await post(unknown);
    expect(unknownAnswer.status).toBe(200);
    expect(await unknownAnswer.json()).toEqual({ received: true, result: 'unknown_email' });
    for (const type of ['email.sent', 'email.opened', 'email.clicked', 'contact.created']) {
      const answer = await post(
        signResendWebhook(resendEvent(type, { email_id: 're_whatever' }), { secret: SECRET }),
      );
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ received: true, result: 'ignored' });
    }
    expect((await post(signResendWebhook('not json', { secret: SECRET }))).status).toBe(400);
    expect(
      (await post(signResendWebhook({ type: 'email.bounced', data: {} }, { secret: SECRET }))).status,
    ).toBe(400);
    expect(await countRows()).toEqual(before);
    expect((await fetch(`${app.url}/webhooks/resend`)).status).toBe(405);
  });

  test('the logs never hold the secret or a recipient address', () => {
    const logs = app.logs();
    expect(logs).toContain('resend event');
    expect(logs).not.toContain(SECRET.slice('whsec_'.length));
    expect(logs).not.toContain(PREVIOUS_SECRET.slice('whsec_'.length));
    expect(logs).not.toMatch(/@client\.test|@elsewhere\.test/);
  });
});

describe('POST /webhooks/resend without RESEND_WEBHOOK_SECRET', () => {
  test('answers 503 (Resend keeps the event and retries) and writes nothing', async () => {
    const unconfigured = await startApp({ RESEND_WEBHOOK_SECRET: undefined });
    try {
      const invoice = await sentInvoice();
      const answer = await fetch(`${unconfigured.url}/webhooks/resend`, {
        method: 'POST',
        ...signResendWebhook(hardBounce(invoice.providerId, [invoice.billing.email]), { secret: SECRET }),
      });
      expect(answer.status).toBe(503);
      expect(await statusOf(invoice.email.id)).toBe('sent');
    } finally {
      await unconfigured.stop();
    }
  });
});
