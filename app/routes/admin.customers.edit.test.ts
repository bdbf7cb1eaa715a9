import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, customers, events } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { fieldError } from '../../test/support/form-errors';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId));
  csrf = await csrfOf(client, '/admin/customers/new');
});
afterAll(() => app.stop());

const valid = {
  name: 'Menuiserie Vidal',
  legalName: 'Menuiserie Vidal SARL',
  siren: '732 829 320',
  vatNumber: 'fr 44 732829320',
  addressLine1: '12 rue des Tanneurs',
  postalCode: '69007',
  city: 'Lyon',
  country: 'fr',
  locale: 'en',
  currency: '',
  termsDays: '45',
  depositPercent: '40',
};

async function customerCount() {
  const [row] = await db().select({ n: count() }).from(customers);
  return row!.n;
}

async function customerEvents(customerId: string, type: string) {
  return db()
    .select()
    .from(events)
    .where(and(eq(events.customerId, customerId), eq(events.type, type)));
}

describe('creating a customer', () => {
  it('answers bad input beside each field, in the user’s language, and writes nothing', async () => {
    const before = await customerCount();
    const response = await client.postForm('/admin/customers/new?lang=fr', {
      csrf,
      ...valid,
      name: ' ',
      siren: '12345',
      vatNumber: '123',
      country: 'France',
      termsDays: '400',
      depositPercent: '100',
      locale: 'de',
    });
    expect(response.status).toBe(400);
    expect(fieldError(response.body, 'name')).toBe('Indiquez le nom du client.');
    expect(fieldError(response.body, 'siren')).toBe('Un SIREN compte 9 chiffres.');
    expect(fieldError(response.body, 'vatNumber')).toBe('Indiquez un numéro de TVA comme FR32123456789.');
    expect(fieldError(response.body, 'country')).toContain('deux lettres');
    expect(fieldError(response.body, 'termsDays')).toBe('Indiquez un nombre de jours entre 0 et 365.');
    expect(fieldError(response.body, 'depositPercent')).toBe('Indiquez un pourcentage entre 1 et 99.');
    expect(fieldError(response.body, 'locale')).toBe('Choisissez une langue de la liste.');
    expect(await customerCount()).toBe(before);
  });

  it('creates it, normalised, records the event and shows its page', async () => {
    const response = await client.postForm('/admin/customers/new?lang=en', { csrf, ...valid });
    expect(response.status).toBe(302);
    const id = /^\/admin\/customers\/([0-9a-f-]{36})\?lang=en$/.exec(response.location ?? '')?.[1];
    expect(id).toBeTruthy();
    const [row] = await db().select().from(customers).where(eq(customers.id, id!));
    expect(row).toMatchObject({
      businessId,
      name: 'Menuiserie Vidal',
      siren: '732829320',
      vatNumber: 'FR44732829320',
      country: 'FR',
      locale: 'en',
      currency: null,
      termsDays: 45,
      depositPercent: 40,
      addressLine2: null,
    });
    expect(await customerEvents(id!, 'customer.created')).toHaveLength(1);
    const page = textOf((await client.get(response.location!)).body);
    expect(page).toContain('Menuiserie Vidal');
    expect(page).toContain('Payment terms: 45 days');
  });
});

describe('editing a customer', () => {
  it('records what changed, and nothing for the same values again', async () => {
    const customer = await createCustomer(businessId, { name: 'Atelier Roux', termsDays: null });
    const path = `/admin/customers/${customer.id}/edit?lang=en`;
    const page = await client.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('value="Atelier Roux"');
    const form = {
      csrf,
      ...valid,
      name: 'Atelier Roux & Fils',
      siren: customer.siren!,
      vatNumber: customer.vatNumber!,
      addressLine1: customer.addressLine1!,
      postalCode: customer.postalCode!,
      city: customer.city!,
      legalName: '',
      locale: 'fr',
      currency: 'CHF',
      termsDays: '',
      depositPercent: '30',
    };
    const saved = await client.postForm(path, form);
    expect(saved.status).toBe(200);
    expect(textOf(saved.body)).toContain('Customer saved.');
    const again = await client.postForm(path, form);
    expect(textOf(again.body)).toContain('Nothing to save.');
    const updates = await customerEvents(customer.id, 'customer.updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.data).toMatchObject({
      changed: ['name', 'currency'],
      from: { name: 'Atelier Roux', currency: null },
      to: { name: 'Atelier Roux & Fils', currency: 'CHF' },
    });
  });

  it('is a 404 for another business’s customer, and writes nothing there', async () => {
    const other = await createCustomer((await createBusiness()).id, { name: 'Ailleurs' });
    expect((await client.get(`/admin/customers/${other.id}/edit`)).status).toBe(404);
    const response = await client.postForm(`/admin/customers/${other.id}/edit`, { csrf, ...valid });
    expect(response.status).toBe(404);
    const [row] = await db().select().from(customers).where(eq(customers.id, other.id));
    expect(row!.name).toBe('Ailleurs');
  });
});

describe('a customer’s contacts', () => {
  it('adds one with several roles, changes it, and removes it, each once', async () => {
    const customer = await createCustomer(businessId);
    const path = `/admin/customers/${customer.id}/contacts?lang=en`;
    const page = textOf((await client.get(path)).body);
    expect(page).toContain('Billing: receives the invoices, reminders, receipts');
    expect(page).toContain('Project lead: no automatic email');

    const bad = await client.postForm(path, [
      ['csrf', csrf],
      ['intent', 'save'],
      ['name', 'Paul'],
      ['email', 'not-an-email'],
      ['roles', 'boss'],
    ]);
    expect(bad.status).toBe(400);
    // The add form is the last on the page, after each contact's own.
    const addForm = bad.body.slice(bad.body.indexOf('id="add-contact-title"'));
    expect(fieldError(addForm, 'email')).toBe('Enter a valid email address, like name@example.com.');

    const added = await client.postForm(path, [
      ['csrf', csrf],
      ['intent', 'save'],
      ['name', 'Paul Chef'],
      ['email', 'Paul@Client.test'],
      ['phone', '04 72 00 00 00'],
      ['roles', 'project_lead'],
      ['roles', 'billing'],
    ]);
    expect(added.status).toBe(200);
    const [paul] = await db()
      .select()
      .from(contacts)
      .where(and(eq(contacts.customerId, customer.id), eq(contacts.name, 'Paul Chef')));
    expect(paul).toMatchObject({ email: 'paul@client.test', phone: '04 72 00 00 00' });
    expect([...paul!.roles].sort()).toEqual(['billing', 'project_lead']);

    await db().update(contacts).set({ emailSuppressedAt: new Date() }).where(eq(contacts.id, paul!.id));
    const changed = await client.postForm(path, [
      ['csrf', csrf],
      ['intent', 'save'],
      ['contactId', paul!.id],
      ['name', 'Paul Chef'],
      ['email', 'paul.chef@client.test'],
      ['roles', 'project_lead'],
    ]);
    expect(textOf(changed.body)).toContain('Contact saved.');
    const [after] = await db().select().from(contacts).where(eq(contacts.id, paul!.id));
    // A corrected address is tried again.
    expect(after).toMatchObject({
      email: 'paul.chef@client.test',
      roles: ['project_lead'],
      emailSuppressedAt: null,
    });

    const remove = [
      ['csrf', csrf],
      ['intent', 'remove'],
      ['contactId', paul!.id],
    ] as [string, string][];
    expect(textOf((await client.postForm(path, remove)).body)).toContain('Contact removed.');
    expect(textOf((await client.postForm(path, remove)).body)).toContain('This contact no longer exists.');
    const types = (await db().select().from(events).where(eq(events.customerId, customer.id))).map(
      (e) => e.type,
    );
    expect(types.filter((t) => t.startsWith('contact.')).sort()).toEqual([
      'contact.added',
      'contact.removed',
      'contact.updated',
    ]);
  });
});
