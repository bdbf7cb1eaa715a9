import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, dunningPolicies, events } from '#db/schema/index';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createCustomer,
  createOverdueInvoice,
  createPaidInvoice,
  createPartlyPaidInvoice,
  createUser,
} from '../../test/factories';
import type { CustomerRow } from '../../test/factories/customer';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { fieldError } from '../../test/support/form-errors';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
let userId: string;
let customer: CustomerRow;
let strictId: string;
let defaultId: string;

beforeAll(async () => {
  app = await startApp();
  const business = await createBusiness();
  businessId = business.id;
  const user = await createUser(businessId);
  userId = user.id;
  customer = await createCustomer(businessId, { name: 'Aardvark Peinture' });
  client = await loginAs(app, user);
  csrf = await csrfOf(client, '/admin/dunning');
  const [row] = await db()
    .insert(dunningPolicies)
    .values({ businessId, name: 'Mauvais payeurs' })
    .returning();
  strictId = row!.id;
  defaultId = (await db().select().from(dunningPolicies).where(eq(dunningPolicies.isDefault, true))).find(
    (p) => p.businessId === businessId,
  )!.id;
});
afterAll(() => app.stop());

async function read() {
  const [row] = await db().select().from(customers).where(eq(customers.id, customer.id));
  return row!;
}
async function policyEvents() {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.businessId, businessId), eq(events.type, 'customer.policy_changed')));
}
async function eventCount() {
  const [row] = await db().select({ n: count() }).from(events).where(eq(events.businessId, businessId));
  return row!.n;
}

describe('customers list', () => {
  it('needs a signed-in user', async () => {
    const response = await createClient(app.url).get('/admin/customers');
    expect(response.status).toBe(302);
    expect(response.location).toMatch(/^\/admin\/login/);
  });

  it('shows each customer’s open balance (what is still owed), overdue count, policy and credit policy', async () => {
    await createOverdueInvoice(12, { businessId, customerId: customer.id });
    await createPartlyPaidInvoice({ businessId, customerId: customer.id, paidMinor: 50_000 });
    const page = await client.get('/admin/customers?lang=en');
    expect(page.status).toBe(200);
    const row = /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Aardvark Peinture[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
    // 1 650,00 + (1 650,00 − 500,00) still owed.
    expect(textOf(row)).toContain('2, 1 overdue');
    expect(textOf(row)).toContain('€2,800.00');
    expect(textOf(row)).toContain('Default (Standard)');
    expect(textOf(row)).toContain('Standard terms');
  });

  it('finds a customer by name, and shows nothing of another business', async () => {
    const other = await createBusiness();
    await createCustomer(other.id, { name: 'Aardvark Concurrent' });
    const page = await client.get('/admin/customers?lang=en&q=aardvark');
    expect(textOf(page.body)).toContain('1 customer');
    expect(page.body).not.toContain('Aardvark Concurrent');
  });
});

describe('a customer’s collection settings', () => {
  it('shows the contacts, open invoices and payment record', async () => {
    const page = await client.get(`/admin/customers/${customer.id}?lang=en`);
    expect(page.status).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Julie Billing');
    expect(text).toContain('12 days late');
    expect(text).toContain('No invoice paid yet.');
  });

  it('its payment record counts invoices paid, and how many by the due date', async () => {
    const other = await createCustomer(businessId, { name: 'Zèbre Paie Bien' });
    await createPaidInvoice({ businessId, customerId: other.id });
    const page = await client.get(`/admin/customers/${other.id}?lang=en`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toMatch(
      /Invoices paid 1 Paid by the due date 100 % Average delay when paid 0 days/,
    );
  });

  it('moves the customer onto another ladder and asks a deposit next time, with one event', async () => {
    const response = await client.postForm(`/admin/customers/${customer.id}?lang=en`, {
      csrf,
      dunningPolicyId: strictId,
      creditPolicy: 'deposit_required',
    });
    expect(response.status).toBe(200);
    expect(textOf(response.body)).toContain('Collection settings saved.');
    expect(await read()).toMatchObject({ dunningPolicyId: strictId, creditPolicy: 'deposit_required' });
    const [event] = await policyEvents();
    expect(event).toMatchObject({
      customerId: customer.id,
      actorType: 'user',
      actorId: userId,
      data: {
        changed: ['dunningPolicyId', 'creditPolicy'],
        from: { dunningPolicyId: null, creditPolicy: 'standard' },
        to: { dunningPolicyId: strictId, creditPolicy: 'deposit_required' },
      },
    });
    const list = await client.get('/admin/customers?lang=en&q=aardvark');
    expect(textOf(list.body)).toMatch(/Mauvais payeurs Deposit required/);

    // The same values again: nothing changes, no event.
    const again = await client.postForm(`/admin/customers/${customer.id}?lang=en`, {
      csrf,
      dunningPolicyId: strictId,
      creditPolicy: 'deposit_required',
    });
    expect(textOf(again.body)).toContain('Nothing to save.');
    expect(await policyEvents()).toHaveLength(1);
  });

  it('choosing the default policy (by name or by id) stores no override', async () => {
    for (const choice of ['default', defaultId]) {
      await db().update(customers).set({ dunningPolicyId: strictId }).where(eq(customers.id, customer.id));
      const response = await client.postForm(`/admin/customers/${customer.id}?lang=en`, {
        csrf,
        dunningPolicyId: choice,
        creditPolicy: 'prepay_only',
      });
      expect(response.status).toBe(200);
      expect(await read()).toMatchObject({ dunningPolicyId: null, creditPolicy: 'prepay_only' });
    }
  });

  it('bad input: 400 beside the field, nothing changed', async () => {
    const before = { row: await read(), events: await eventCount() };
    const other = await createBusiness();
    const [theirs] = await db()
      .insert(dunningPolicies)
      .values({ businessId: other.id, name: 'Leur' })
      .returning();
    const cases: [Record<string, string>, string, string][] = [
      [{ dunningPolicyId: 'default', creditPolicy: 'generous' }, 'creditPolicy', ''],
      [
        { dunningPolicyId: 'strict', creditPolicy: 'standard' },
        'dunningPolicyId',
        'Choose a policy from the list.',
      ],
      [
        { dunningPolicyId: theirs!.id, creditPolicy: 'standard' },
        'dunningPolicyId',
        'This policy no longer exists: choose another one.',
      ],
    ];
    for (const [fields, field, message] of cases) {
      const response = await client.postForm(`/admin/customers/${customer.id}?lang=en`, { csrf, ...fields });
      expect(response.status).toBe(400);
      if (message) expect(fieldError(response.body, field)).toBe(message);
      else expect(textOf(response.body)).toContain('Choose a credit policy from the list.');
    }
    expect(await read()).toEqual(before.row);
    expect(await eventCount()).toBe(before.events);
  });

  it('refuses a POST without the token; another business’s customer is 404', async () => {
    const before = await read();
    const noToken = await client.postForm(`/admin/customers/${customer.id}`, {
      dunningPolicyId: strictId,
      creditPolicy: 'standard',
    });
    expect(noToken.status).toBe(403);
    expect(await read()).toEqual(before);
    const other = await createBusiness();
    const theirs = await createCustomer(other.id);
    expect((await client.get(`/admin/customers/${theirs.id}`)).status).toBe(404);
    const post = await client.postForm(`/admin/customers/${theirs.id}?lang=en`, {
      csrf,
      dunningPolicyId: 'default',
      creditPolicy: 'prepay_only',
    });
    expect(post.status).toBe(404);
    const [row] = await db().select().from(customers).where(eq(customers.id, theirs.id));
    expect(row!.creditPolicy).toBe('standard');
    expect((await client.get('/admin/customers/nope')).status).toBe(404);
  });
});
