import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { business, emails, events, invitations, sessions, users } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createUser } from '../../test/factories';
import type { CreatedUser } from '../../test/factories/user';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
let owner: CreatedUser;
let client: HttpClient;
let csrf: string;
let businessId: string;

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  owner = await createUser(businessId, { name: 'Claire Owner' });
  client = await loginAs(app, owner);
  csrf = await csrfOf(client, '/admin/settings/users');
});
afterAll(() => app.stop());

const invite = (email: string, role = 'staff') =>
  client.postForm('/admin/settings/users?lang=en', { csrf, intent: 'invite', email, role });

async function inviteEmail(to: string) {
  const [row] = await db()
    .select()
    .from(emails)
    .where(
      and(
        eq(emails.businessId, businessId),
        eq(emails.template, 'user-invite'),
        sql`${to} = ANY(${emails.to})`,
      ),
    )
    .orderBy(sql`${emails.createdAt} DESC`)
    .limit(1);
  return row!;
}
const tokenIn = (text: string) => /\/admin\/invite\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;

async function accept(token: string, fields: Record<string, string>) {
  const visitor = createClient(app.url);
  const page = await visitor.get(`/admin/invite/${token}?lang=en`);
  // A used link's page has no form: take the token from the login page (the same cookie signs both).
  const token_ =
    page.status === 200 ? csrfFrom(page.body) : csrfFrom((await visitor.get('/admin/login')).body);
  const res = await visitor.postForm(`/admin/invite/${token}?lang=en`, {
    csrf: token_,
    ...fields,
  });
  return { visitor, page, res };
}

describe('invitations', () => {
  test('the owner invites by email; the invitee sets a name and password and is signed in as staff', async () => {
    const res = await invite('New.Person@Example.test');
    expect(res.status, res.body).toBe(200);
    expect(textOf(res.body)).toContain('Invitation sent to new.person@example.test');
    expect(textOf(res.body)).toMatch(/Claire Owner \(you\) \S+ Owner 1 /);

    const mail = await inviteEmail('new.person@example.test');
    expect(mail.subject).toBe(`Claire Owner invites you to Acquit – ${await businessName()}`);
    const token = tokenIn(mail.text);
    const [row] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.email, 'new.person@example.test'));
    expect(row!.tokenHash).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(7 * 86_400_000);

    const {
      page,
      res: accepted,
      visitor,
    } = await accept(token, {
      name: 'Nina Staff',
      password: 'a long enough password',
      confirm: 'a long enough password',
    });
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain('new.person@example.test');
    expect(accepted.status, accepted.body).toBe(302);
    expect(accepted.location).toBe('/admin/invoices');
    const [user] = await db().select().from(users).where(eq(users.email, 'new.person@example.test'));
    expect(user).toMatchObject({ name: 'Nina Staff', role: 'staff', businessId });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await visitor.get('/admin/settings')).status).toBe(200);

    // The link worked once.
    const again = await accept(token, {
      name: 'Someone Else',
      password: 'another long password',
      confirm: 'another long password',
    });
    expect(again.page.status).toBe(404);
    expect(again.res.status).toBe(404);
    expect(await db().select().from(users).where(eq(users.name, 'Someone Else'))).toHaveLength(0);
    await loginAs(app, { email: 'new.person@example.test', password: 'a long enough password' });
  });

  test('bad input answers 400 beside the field and writes nothing', async () => {
    const bad = await invite('not-an-email');
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain('Enter a valid email address.');
    await invite('short.pw@example.test');
    const token = tokenIn((await inviteEmail('short.pw@example.test')).text);
    const { res } = await accept(token, { name: '', password: 'short', confirm: 'different' });
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain('Enter your name.');
    expect(textOf(res.body)).toContain('At least 12 characters.');
    const [row] = await db().select().from(invitations).where(eq(invitations.email, 'short.pw@example.test'));
    expect(row!.acceptedAt).toBeNull();
  });

  test('an address that already has an account cannot be invited', async () => {
    const res = await invite(owner.email.toUpperCase());
    expect(res.status).toBe(409);
    expect(textOf(res.body)).toContain('This address already has an account.');
  });

  test('a second invitation replaces the first link, and a withdrawn one stops working', async () => {
    await invite('twice@example.test');
    const first = tokenIn((await inviteEmail('twice@example.test')).text);
    await invite('twice@example.test', 'owner');
    const second = tokenIn((await inviteEmail('twice@example.test')).text);
    expect(second).not.toBe(first);
    expect((await createClient(app.url).get(`/admin/invite/${first}`)).status).toBe(404);

    const [pending] = await db()
      .select()
      .from(invitations)
      .where(and(eq(invitations.email, 'twice@example.test'), sql`${invitations.revokedAt} IS NULL`));
    expect(pending!.role).toBe('owner');
    const res = await client.postForm('/admin/settings/users?lang=en', {
      csrf,
      intent: 'revoke-invite',
      invitationId: pending!.id,
    });
    expect(res.status).toBe(200);
    expect(textOf(res.body)).toContain('Invitation withdrawn.');
    expect((await createClient(app.url).get(`/admin/invite/${second}`)).status).toBe(404);
  });

  test('the same link submitted twice at once makes one account', async () => {
    await invite('race@example.test');
    const token = tokenIn((await inviteEmail('race@example.test')).text);
    const [a, b] = [createClient(app.url), createClient(app.url)];
    const [pa, pb] = await Promise.all([a.get(`/admin/invite/${token}`), b.get(`/admin/invite/${token}`)]);
    const fields = {
      name: 'Rita Race',
      password: 'a long enough password',
      confirm: 'a long enough password',
    };
    const results = await Promise.all([
      a.postForm(`/admin/invite/${token}`, { csrf: csrfFrom(pa.body), ...fields }),
      b.postForm(`/admin/invite/${token}`, { csrf: csrfFrom(pb.body), ...fields }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 404]);
    expect(await db().select().from(users).where(eq(users.email, 'race@example.test'))).toHaveLength(1);
  });

  test('a malformed or unknown token is a 404, never a 500', async () => {
    for (const token of ['x', 'A'.repeat(43), '%00']) {
      expect((await createClient(app.url).get(`/admin/invite/${token}`)).status).toBe(404);
    }
  });
});

describe('roles, disabling and sessions', () => {
  test('the last active owner can be neither demoted nor disabled', async () => {
    const business = await createBusiness();
    const solo = await createUser(business.id, { name: 'Solo Owner' });
    const soloClient = await loginAs(app, solo);
    const token = await csrfOf(soloClient, '/admin/settings/users');
    const demote = await soloClient.postForm('/admin/settings/users?lang=en', {
      csrf: token,
      intent: 'role',
      userId: solo.id,
      role: 'staff',
    });
    expect(demote.status).toBe(409);
    expect(textOf(demote.body)).toContain('there must always be at least one active owner');
    const disable = await soloClient.postForm('/admin/settings/users', {
      csrf: token,
      intent: 'disable',
      userId: solo.id,
    });
    expect(disable.status).toBe(409);
    const [row] = await db().select().from(users).where(eq(users.id, solo.id));
    expect(row).toMatchObject({ role: 'owner', disabledAt: null });

    // With a second owner, demoting the first works, and is in the audit trail with before and after.
    const second = await createUser(business.id, { name: 'Second Owner' });
    const ok = await soloClient.postForm('/admin/settings/users?lang=en', {
      csrf: token,
      intent: 'role',
      userId: solo.id,
      role: 'staff',
    });
    expect(ok.status).toBe(200);
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.businessId, business.id), eq(events.type, 'user.role_changed')));
    expect(event!.data).toMatchObject({
      userId: solo.id,
      before: { role: 'owner' },
      after: { role: 'staff' },
    });
    expect(second.role).toBe('owner');
  });

  test('two owners demoting each other at once: one succeeds, one owner remains', async () => {
    const business = await createBusiness();
    const a = await createUser(business.id);
    const b = await createUser(business.id);
    const [ca, cb] = [await loginAs(app, a), await loginAs(app, b)];
    const [ta, tb] = [await csrfOf(ca, '/admin/settings/users'), await csrfOf(cb, '/admin/settings/users')];
    const results = await Promise.all([
      ca.postForm('/admin/settings/users', { csrf: ta, intent: 'role', userId: b.id, role: 'staff' }),
      cb.postForm('/admin/settings/users', { csrf: tb, intent: 'role', userId: a.id, role: 'staff' }),
    ]);
    // The loser is refused as no longer an owner (403) or as the last owner (409), depending on timing.
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const owners = await db()
      .select()
      .from(users)
      .where(and(eq(users.businessId, business.id), eq(users.role, 'owner')));
    expect(owners).toHaveLength(1);
  });

  test('disabling a user ends their sessions at once; enabling lets them log in again', async () => {
    const staff = await createUser(businessId, { role: 'staff', name: 'Sam Staff' });
    const staffClient = await loginAs(app, staff);
    expect((await staffClient.get('/admin/invoices')).status).toBe(200);
    const res = await client.postForm('/admin/settings/users?lang=en', {
      csrf,
      intent: 'disable',
      userId: staff.id,
    });
    expect(res.status).toBe(200);
    expect(textOf(res.body)).toContain('User disabled: their sessions are ended.');
    expect((await staffClient.get('/admin/invoices')).status).toBe(302);
    const open = await db()
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, staff.id), sql`${sessions.revokedAt} IS NULL`));
    expect(open).toHaveLength(0);
    const login = createClient(app.url);
    const page = await login.get('/admin/login');
    const refused = await login.postForm('/admin/login', {
      csrf: csrfFrom(page.body),
      email: staff.email,
      password: staff.password,
    });
    expect(refused.status).toBe(401);

    await client.postForm('/admin/settings/users', { csrf, intent: 'enable', userId: staff.id });
    await loginAs(app, staff);
  });

  test('the owner ends all sessions of a user', async () => {
    const staff = await createUser(businessId, { role: 'staff' });
    const [one, two] = [await loginAs(app, staff), await loginAs(app, staff)];
    const res = await client.postForm('/admin/settings/users?lang=en', {
      csrf,
      intent: 'revoke-sessions',
      userId: staff.id,
    });
    expect(textOf(res.body)).toContain('2 session(s) ended.');
    expect((await one.get('/admin/invoices')).status).toBe(302);
    expect((await two.get('/admin/invoices')).status).toBe(302);
  });

  test('a user of another business is out of reach', async () => {
    const stranger = await createUser((await createBusiness()).id);
    const res = await client.postForm('/admin/settings/users', {
      csrf,
      intent: 'disable',
      userId: stranger.id,
    });
    expect(res.status).toBe(404);
    const bogus = await client.postForm('/admin/settings/users', {
      csrf,
      intent: 'role',
      userId: 'nope',
      role: 'staff',
    });
    expect(bogus.status).toBe(404);
    const [row] = await db().select().from(users).where(eq(users.id, stranger.id));
    expect(row!.disabledAt).toBeNull();
  });
});

async function businessName() {
  const [b] = await db().select().from(business).where(eq(business.id, businessId));
  return b!.name;
}
