import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  business,
  businessLogos,
  customers,
  dunningPolicies,
  dunningSteps,
  events,
  invitations,
  sessions,
  users,
} from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createUser } from '../../test/factories';
import type { CreatedUser } from '../../test/factories/user';
import { createDunningPolicy } from '../../test/factories/dunning';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';

// Staff may read settings but never change them or users: every owner-only action answers 403 and writes nothing.
let app: RunningApp;
let staff: CreatedUser;
let owner: CreatedUser;
let client: HttpClient;
let ownerClient: HttpClient;
let csrf: string;
let businessId: string;
let policyId: string;
let stepId: string;
let invitationId: string;
let customerId: string;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  owner = await createUser(businessId, { name: 'Olive Owner' });
  staff = await createUser(businessId, { role: 'staff', name: 'Stan Staff' });
  const policy = await createDunningPolicy(businessId);
  policyId = policy.policyId;
  stepId = [...policy.stepIds.values()][0]!;
  customerId = (await createCustomer(businessId)).id;
  const [invite] = await db()
    .insert(invitations)
    .values({
      businessId,
      email: 'pending@example.test',
      tokenHash: 'x'.repeat(64),
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  invitationId = invite!.id;
  ownerClient = await loginAs(app, owner);
  client = await loginAs(app, staff);
  csrf = await csrfOf(client, '/admin/settings');
});
afterAll(() => app.stop());

/** Everything an owner-only action could touch. */
async function snapshot() {
  const where = eq(users.businessId, businessId);
  return {
    business: await db().select().from(business).where(eq(business.id, businessId)),
    users: await db().select().from(users).where(where).orderBy(users.id),
    sessions: await db()
      .select({ id: sessions.id, revokedAt: sessions.revokedAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(where)
      .orderBy(sessions.id),
    invitations: await db().select().from(invitations).where(eq(invitations.businessId, businessId)),
    policies: await db().select().from(dunningPolicies).where(eq(dunningPolicies.businessId, businessId)),
    steps: await db().select().from(dunningSteps).where(eq(dunningSteps.policyId, policyId)),
    logos: await db().select().from(businessLogos).where(eq(businessLogos.businessId, businessId)),
    customers: await db().select().from(customers).where(eq(customers.businessId, businessId)),
    events: await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(eq(events.businessId, businessId)),
  };
}

const settingsForm = () => ({
  name: 'Renamed by staff',
  addressLine1: '1 rue X',
  postalCode: '69001',
  city: 'Lyon',
  country: 'FR',
  email: 'staff@example.test',
  defaultTermsDays: '45',
});

test('staff see the settings read-only', async () => {
  const page = await client.get('/admin/settings?lang=en');
  expect(page.status).toBe(200);
  expect(textOf(page.body)).toContain('You are viewing the settings read-only');
  expect(page.body).toMatch(/<fieldset disabled=""/);
  expect(page.body).not.toContain('Save the settings');
  expect(page.body).not.toContain('Upload the logo');
  const usersPage = await client.get('/admin/settings/users?lang=en');
  expect(usersPage.status).toBe(200);
  expect(textOf(usersPage.body)).toContain('Only an owner can invite, change or disable users.');
  expect(usersPage.body).not.toContain('Send the invitation');
  for (const path of ['/admin/dunning', `/admin/dunning/${policyId}`, '/admin/plans/settings']) {
    const other = await client.get(`${path}?lang=en`);
    expect(other.status).toBe(200);
    expect(textOf(other.body)).toContain(
      'Read-only: only an owner of the account can change these settings.',
    );
  }
});

test('every owner-only action answers 403 to staff, and nothing is written', async () => {
  const before = await snapshot();
  const logo = new FormData();
  logo.set('csrf', csrf);
  logo.set('intent', 'logo');
  logo.set('logo', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'logo.png');

  const posts: [string, Record<string, string>][] = [
    ['/admin/settings', settingsForm()],
    ['/admin/settings', { intent: 'remove-logo' }],
    ['/admin/settings/users', { intent: 'invite', email: 'friend@example.test', role: 'owner' }],
    ['/admin/settings/users', { intent: 'role', userId: staff.id, role: 'owner' }],
    ['/admin/settings/users', { intent: 'role', userId: owner.id, role: 'staff' }],
    ['/admin/settings/users', { intent: 'disable', userId: owner.id }],
    ['/admin/settings/users', { intent: 'enable', userId: owner.id }],
    ['/admin/settings/users', { intent: 'revoke-sessions', userId: owner.id }],
    ['/admin/settings/users', { intent: 'revoke-invite', invitationId }],
    ['/admin/dunning', { name: 'Staff policy' }],
    [`/admin/dunning/${policyId}`, { intent: 'rename', name: 'Renamed' }],
    [`/admin/dunning/${policyId}`, { intent: 'delete' }],
    [`/admin/dunning/${policyId}`, { intent: 'remove-step', stepId }],
    [`/admin/dunning/${policyId}`, { intent: 'add-step', offsetDays: '50', channel: 'email', tone: 'firm' }],
    [
      '/admin/plans/settings',
      {
        'offers[0].parts': '3',
        'offers[0].interval': 'monthly',
        maxDurationDays: '120',
        promiseMaxDays: '30',
        promiseMaxPerInvoice: '2',
      },
    ],
    ['/admin/plans/settings', { intent: 'customer', customerId, allowed: 'no' }],
  ];
  for (const [path, fields] of posts) {
    const res = await client.postForm(path, { csrf, ...fields });
    expect(res.status, `${path} ${JSON.stringify(fields)}`).toBe(403);
  }
  const upload = await client.request('POST', '/admin/settings', logo);
  expect(upload.status).toBe(403);
  expect((await client.get('/admin/settings/audit')).status).toBe(403);

  expect(await snapshot()).toEqual(before);
  // The owner is not told so, and the staff member is still signed in (a 403 is not a logout) and the owner's session still open.
  expect((await client.get('/admin/settings')).status).toBe(200);
  const ownerPage = await ownerClient.get('/admin/plans/settings?lang=en');
  expect(textOf(ownerPage.body)).not.toContain('Read-only');
});
