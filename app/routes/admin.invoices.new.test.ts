import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, invoiceLines, invoices } from '#db/schema/index';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createUser, readInvoice } from '../../test/factories';
import type { CustomerRow } from '../../test/factories/customer';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let customer: CustomerRow;
let businessId: string;
const today = todayIn('Europe/Paris');

beforeAll(async () => {
  app = await startApp();
  const business = await createBusiness();
  businessId = business.id;
  customer = await createCustomer(business.id);
  client = await loginAs(app, await createUser(business.id));
  csrf = await csrfOf(client, '/admin/invoices/new');
});
afterAll(() => app.stop());

type Line = { description?: string; quantity?: string; unit?: string; unitPrice?: string; taxRate?: string };

function form(overrides: Record<string, string | undefined> = {}, lines?: Line[]): [string, string][] {
  const base: Record<string, string | undefined> = {
    csrf,
    customerId: customer.id,
    currency: 'EUR',
    issueDate: today,
    dueDate: addDaysIso(today, 30),
    purchaseOrder: 'PO-42',
    ...overrides,
  };
  const pairs = Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined);
  const rows = lines ?? [
    { description: 'Conception graphique', quantity: '1', unit: 'forfait', unitPrice: '1200', taxRate: '20' },
    { description: 'Impression flyers', quantity: '500', unit: 'pièce', unitPrice: '0.35', taxRate: '20' },
  ];
  rows.forEach((line, i) => {
    for (const [key, value] of Object.entries(line))
      if (value !== undefined) pairs.push([`lines[${i}].${key}`, value]);
  });
  return pairs;
}

async function invoiceCount() {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(invoices);
  return row?.n ?? 0;
}

/**
 * The text of the element a field's aria-describedby points at (conform's error list), or null. `lines` has no
 * control of its own: its message is the one the "add a line" button is described by.
 */
function fieldError(html: string, name: string): string | null {
  const control =
    name === 'lines'
      ? /<button\b[^>]*aria-describedby="invoice-lines-error"[^>]*>/.exec(html)?.[0]
      : new RegExp(
          `<(?:input|select|textarea)\\b[^>]*\\bname="${name.replace(/[.[\]]/g, '\\$&')}"[^>]*>`,
        ).exec(html)?.[0];
  if (!control || (name !== 'lines' && !/aria-invalid="true"/.test(control))) return null;
  const ids = /aria-describedby="([^"]+)"/.exec(control)?.[1]?.split(' ') ?? [];
  for (const id of ids) {
    const escaped = id.replace(/[.[\]]/g, '\\$&');
    const block = new RegExp(`<ul id="${escaped}"[^>]*>([\\s\\S]*?)</ul>`).exec(html)?.[1];
    if (block) return textOf(block).trim();
  }
  return null;
}

async function postNew(fields: [string, string][]) {
  return client.postForm('/admin/invoices/new?lang=en', fields);
}

describe('new invoice: bad input is answered with 400, a message beside the field, and no row', () => {
  const long = 'x'.repeat(20_000);
  const cases: [string, () => [string, string][], string, RegExp][] = [
    ['no customer', () => form({ customerId: '' }), 'customerId', /Choose a customer/],
    ['no lines', () => form({}, []), 'lines', /Add at least one line/],
    [
      'a negative quantity',
      () => form({}, [{ description: 'A', quantity: '-1', unitPrice: '10', taxRate: '20' }]),
      'lines[0].quantity',
      /positive quantity/,
    ],
    [
      'a zero quantity',
      () => form({}, [{ description: 'A', quantity: '0', unitPrice: '10', taxRate: '20' }]),
      'lines[0].quantity',
      /positive quantity/,
    ],
    [
      'a quantity that is not a number',
      () => form({}, [{ description: 'A', quantity: 'two', unitPrice: '10', taxRate: '20' }]),
      'lines[0].quantity',
      /positive quantity/,
    ],
    [
      'a quantity with 4 decimals',
      () => form({}, [{ description: 'A', quantity: '1.2345', unitPrice: '10', taxRate: '20' }]),
      'lines[0].quantity',
      /at most 3 decimals/,
    ],
    [
      'a negative price',
      () => form({}, [{ description: 'A', quantity: '1', unitPrice: '-10', taxRate: '20' }]),
      'lines[0].unitPrice',
      /positive price/,
    ],
    [
      'a zero price',
      () => form({}, [{ description: 'A', quantity: '1', unitPrice: '0', taxRate: '20' }]),
      'lines[0].unitPrice',
      /positive price/,
    ],
    [
      'a price that is not a number',
      () => form({}, [{ description: 'A', quantity: '1', unitPrice: '12€', taxRate: '20' }]),
      'lines[0].unitPrice',
      /positive price/,
    ],
    [
      'a price with 3 decimals in EUR',
      () => form({}, [{ description: 'A', quantity: '1', unitPrice: '1.005', taxRate: '20' }]),
      'lines[0].unitPrice',
      /at most 2 decimals/,
    ],
    [
      'a tax rate over 100%',
      () => form({}, [{ description: 'A', quantity: '1', unitPrice: '1', taxRate: '120' }]),
      'lines[0].taxRate',
      /between 0 and 100/,
    ],
    [
      'a 20,000-character description',
      () => form({}, [{ description: long, quantity: '1', unitPrice: '1', taxRate: '20' }]),
      'lines[0].description',
      /at most 1000 characters/,
    ],
    [
      'an empty description',
      () => form({}, [{ description: '  ', quantity: '1', unitPrice: '1', taxRate: '20' }]),
      'lines[0].description',
      /Describe the item/,
    ],
    ['an unknown currency', () => form({ currency: 'XYZ' }), 'currency', /Choose a currency/],
    ['a currency we do not offer', () => form({ currency: 'JPY' }), 'currency', /Choose a currency/],
    [
      'a due date before the issue date',
      () => form({ dueDate: addDaysIso(today, -1) }),
      'dueDate',
      /cannot be before the issue date/,
    ],
    ['an impossible issue date', () => form({ issueDate: '2026-02-30' }), 'issueDate', /valid date/],
    ['a due date that is not a date', () => form({ dueDate: 'next week' }), 'dueDate', /valid date/],
    [
      'a customer id that is not an id',
      () => form({ customerId: "1' OR '1'='1" }),
      'customerId',
      /Choose a customer/,
    ],
    [
      'a forged customer id',
      () => form({ customerId: randomUUID() }),
      'customerId',
      /does not exist in your account/,
    ],
  ];

  it.each(cases)('%s', async (_label, fields, field, message) => {
    const before = await invoiceCount();
    const response = await postNew(fields());
    expect(response.status).toBe(400);
    expect(fieldError(response.body, field)).toMatch(message);
    expect(await invoiceCount()).toBe(before);
  });

  it('another business’s customer is reported on the customer field', async () => {
    const other = await createBusiness();
    const theirs = await createCustomer(other.id);
    const before = await invoiceCount();
    const response = await postNew(form({ customerId: theirs.id }));
    expect(response.status).toBe(400);
    expect(fieldError(response.body, 'customerId')).toMatch(/does not exist in your account/);
    expect(await invoiceCount()).toBe(before);
  });

  it('reports every field at once, in French by default', async () => {
    const before = await invoiceCount();
    const response = await client.postForm(
      '/admin/invoices/new',
      form({ customerId: '', currency: 'XYZ', dueDate: addDaysIso(today, -3) }, [
        { description: '', quantity: '0', unitPrice: 'x', taxRate: '20' },
      ]),
    );
    expect(response.status).toBe(400);
    expect(fieldError(response.body, 'customerId')).toBe('Choisissez un client.');
    expect(fieldError(response.body, 'currency')).toBe('Choisissez une devise de la liste.');
    expect(fieldError(response.body, 'dueDate')).toBe('L’échéance ne peut pas précéder la date d’émission.');
    expect(fieldError(response.body, 'lines[0].description')).toBe('Décrivez la prestation.');
    expect(fieldError(response.body, 'lines[0].quantity')).toMatch(/quantité positive/);
    expect(fieldError(response.body, 'lines[0].unitPrice')).toMatch(/prix positif/);
    expect(await invoiceCount()).toBe(before);
  });

  it('refuses a POST without the CSRF token with 403', async () => {
    const before = await invoiceCount();
    const response = await postNew(form({ csrf: undefined }));
    expect(response.status).toBe(403);
    expect(await invoiceCount()).toBe(before);
  });

  it('refuses a POST from another origin with 403', async () => {
    const before = await invoiceCount();
    const response = await client.postForm('/admin/invoices/new', form(), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await invoiceCount()).toBe(before);
  });
});

describe('new invoice: lines can be added and removed without JavaScript', () => {
  it('an "add a line" intent answers the form with one more line and writes nothing', async () => {
    const before = await invoiceCount();
    const fields = form();
    fields.push([
      '__intent__',
      JSON.stringify({
        type: 'insert',
        payload: { name: 'lines', defaultValue: { quantity: '1', taxRate: '20' } },
      }),
    ]);
    const response = await postNew(fields);
    expect(response.status).toBe(200);
    expect(response.body).toContain('name="lines[2].description"');
    expect(await invoiceCount()).toBe(before);
  });

  it('a "remove" intent drops that line', async () => {
    const fields = form();
    fields.push(['__intent__', JSON.stringify({ type: 'remove', payload: { name: 'lines', index: 0 } })]);
    const response = await postNew(fields);
    expect(response.status).toBe(200);
    expect(response.body).not.toContain('name="lines[1].description"');
    expect(response.body).toMatch(
      /name="lines\[0\]\.description"[^>]*value="Impression flyers"|value="Impression flyers"[^>]*name="lines\[0\]\.description"/,
    );
  });
});

describe('new invoice, then issue', () => {
  it('creates the draft, issues it with the next number, and emails the link to billing with AP in copy', async () => {
    const response = await postNew(form({ notes: 'Merci !', acceptanceRequired: 'on' }));
    expect(response.status, textOf(response.body).slice(0, 500)).toBe(302);
    const id = /^\/admin\/invoices\/([0-9a-f-]{36})\?lang=en$/.exec(response.location ?? '')?.[1];
    expect(id).toBeDefined();

    const draft = await readInvoice(id!);
    expect(draft).toMatchObject({
      businessId,
      customerId: customer.id,
      status: 'draft',
      currency: 'EUR',
      issueDate: today,
      dueDate: addDaysIso(today, 30),
      termsDays: 30,
      purchaseOrder: 'PO-42',
      notes: 'Merci !',
      acceptanceRequired: true,
      subtotalMinor: 137_500,
      taxMinor: 27_500,
      totalMinor: 165_000,
    });
    const lines = await db()
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, id!))
      .orderBy(asc(invoiceLines.position));
    expect(
      lines.map((l) => [l.description, l.quantityMilli, l.unit, l.unitPriceMinor, l.taxRateBps]),
    ).toEqual([
      ['Conception graphique', 1000, 'forfait', 120_000, 2000],
      ['Impression flyers', 500_000, 'pièce', 35, 2000],
    ]);

    const detail = await client.get(`/admin/invoices/${id}?lang=en`);
    expect(detail.status).toBe(200);
    expect(textOf(detail.body)).toContain('Draft created');

    const issued = await client.postForm(`/admin/invoices/${id}?lang=en`, { csrf, intent: 'issue' });
    expect(issued.status).toBe(200);
    const year = today.slice(0, 4);
    expect(textOf(issued.body)).toContain(`Invoice ${year}-000001 issued and emailed to the customer.`);
    const url = /http:\/\/127\.0\.0\.1:\d+\/i\/[A-Za-z0-9_-]{43}/.exec(issued.body)?.[0];
    expect(url).toBeDefined();

    const row = await readInvoice(id!);
    expect(row).toMatchObject({ status: 'open', number: `${year}-000001` });

    const [email] = await db().select().from(emails).where(eq(emails.invoiceId, id!));
    expect(email).toMatchObject({
      template: 'invoice-issued',
      status: 'outbox',
      to: [customer.contacts.find((c) => c.roles.includes('billing'))!.email],
      cc: [customer.contacts.find((c) => c.roles.includes('accounts_payable'))!.email],
    });
    expect(email!.text).toContain(url);
    expect(email!.html).toContain(url);

    // The link works, and the page no longer offers to issue.
    expect((await client.get(new URL(url!).pathname)).status).toBe(200);
    const again = await client.get(`/admin/invoices/${id}?lang=en`);
    expect(textOf(again.body)).toContain('Invoice issued');
    expect(again.body).not.toContain('name="intent" value="issue"');
    // The link is shown once: it is nowhere on the page now.
    expect(again.body).not.toContain(url);

    // Issuing again changes nothing.
    const twice = await client.postForm(`/admin/invoices/${id}?lang=en`, { csrf, intent: 'issue' });
    expect(twice.status).toBe(409);
    expect(await db().select().from(emails).where(eq(emails.invoiceId, id!))).toHaveLength(1);
  });
});
