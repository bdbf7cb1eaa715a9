import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { contacts, emails, events, tasks } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createIssuedInvoice } from '../../../test/factories';
import { resendEvent } from '../../../test/fakes/resend';
import { handleResendWebhook } from './resend-webhook.server';

async function sentInvoice(options: { businessId?: string; customerId?: string } = {}) {
  const invoice = await createIssuedInvoice(options);
  const providerId = `re_${randomUUID()}`;
  const [email] = await db()
    .update(emails)
    .set({ status: 'sent', providerId })
    .where(eq(emails.invoiceId, invoice.invoiceId))
    .returning();
  return { ...invoice, email: email!, providerId };
}

const handle = (svixId: string, payload: object) =>
  handleResendWebhook(db(), { svixId, rawBody: Buffer.from(JSON.stringify(payload)) });
const bounceOf = (providerId: string, to: string[]) =>
  resendEvent('email.bounced', {
    email_id: providerId,
    to,
    bounce: { type: 'Permanent', subType: 'General', message: 'rejected' },
  });

describe('handleResendWebhook', () => {
  test('ten copies of one bounce at once: one timeline entry, one suppression, one task', async () => {
    const invoice = await sentInvoice();
    const to = invoice.email.to;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => handle('msg_same', bounceOf(invoice.providerId, to))),
    );
    expect(results.map((r) => r.result).sort()).toEqual(['applied', ...Array(9).fill('duplicate')]);
    expect(await db().select().from(events).where(eq(events.dedupeKey, 'resend:msg_same'))).toHaveLength(1);
    expect(await db().select().from(tasks).where(eq(tasks.customerId, invoice.customerId))).toHaveLength(1);
  });

  test('a bounce and a complaint for the same address racing: one task', async () => {
    const invoice = await sentInvoice();
    const other = await sentInvoice({ businessId: invoice.businessId, customerId: invoice.customerId });
    const results = await Promise.all([
      handle(`msg_${randomUUID()}`, bounceOf(invoice.providerId, invoice.email.to)),
      handle(
        `msg_${randomUUID()}`,
        resendEvent('email.complained', { email_id: other.providerId, to: invoice.email.to }),
      ),
      handle(`msg_${randomUUID()}`, bounceOf(other.providerId, invoice.email.to)),
    ]);
    expect(results.map((r) => r.result)).toEqual(['applied', 'applied', 'applied']);
    const found = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.customerId, invoice.customerId), eq(tasks.kind, 'bounce')));
    expect(found).toHaveLength(1);
  });

  test("only that customer's contacts are suppressed, even when another customer shares the address", async () => {
    const invoice = await sentInvoice();
    const neighbour = await createCustomer(invoice.businessId);
    const shared = invoice.email.to[0]!;
    await db()
      .update(contacts)
      .set({ email: shared.toUpperCase() })
      .where(eq(contacts.id, neighbour.contacts[0]!.id));
    await handle(`msg_${randomUUID()}`, bounceOf(invoice.providerId, [shared]));
    const [theirs] = await db().select().from(contacts).where(eq(contacts.id, neighbour.contacts[0]!.id));
    expect(theirs!.emailSuppressedAt).toBeNull();
    const ours = await db().select().from(contacts).where(eq(contacts.customerId, invoice.customerId));
    expect(ours.filter((c) => c.emailSuppressedAt).map((c) => c.email)).toEqual([shared]);
  });

  test('an email to no customer (e.g. the owner digest) bounces onto the business timeline, nothing suppressed', async () => {
    const business = await createBusiness();
    const providerId = `re_${randomUUID()}`;
    const [email] = await db()
      .insert(emails)
      .values({
        businessId: business.id,
        dedupeKey: `test:${providerId}`,
        template: 'weekly-digest',
        locale: 'fr',
        fromAddress: 'a@b.test',
        to: ['owner@atelier.test'],
        subject: 's',
        html: 'h',
        text: 't',
        status: 'sent',
        providerId,
      })
      .returning();
    expect((await handle('msg_digest', bounceOf(providerId, ['owner@atelier.test']))).result).toBe('applied');
    const [entry] = await db().select().from(events).where(eq(events.dedupeKey, 'resend:msg_digest'));
    expect(entry).toMatchObject({
      businessId: business.id,
      invoiceId: null,
      type: 'email.bounced',
      data: { emailId: email!.id },
    });
    expect(await db().select().from(tasks).where(eq(tasks.businessId, business.id))).toHaveLength(0);
  });

  test('a delayed delivery goes on the timeline and leaves the status alone', async () => {
    const invoice = await sentInvoice();
    const outcome = await handle(
      'msg_delayed',
      resendEvent('email.delivery_delayed', { email_id: invoice.providerId, to: invoice.email.to }),
    );
    expect(outcome).toEqual({
      result: 'applied',
      type: 'email.delivery_delayed',
      emailId: invoice.providerId,
    });
    const [row] = await db().select().from(emails).where(eq(emails.id, invoice.email.id));
    expect(row!.status).toBe('sent');
    const [entry] = await db().select().from(events).where(eq(events.dedupeKey, 'resend:msg_delayed'));
    expect(entry).toMatchObject({
      invoiceId: invoice.invoiceId,
      type: 'email.delivery_delayed',
      data: { statusChanged: false },
    });
  });
});
