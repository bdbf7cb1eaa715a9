import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';
import { loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

async function newUser() {
  const business = await createBusiness();
  return createUser(business.id);
}

async function sessionCount(userId: string) {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  return row?.n ?? 0;
}

async function attempt(email: string, password: string, opts: { lang?: string; next?: string } = {}) {
  const client = createClient(app.url);
  const page = await client.get(`/admin/login${opts.lang ? `?lang=${opts.lang}` : ''}`);
  expect(page.status).toBe(200);
  const fields: Record<string, string> = { csrf: csrfFrom(page.body), email, password };
  if (opts.next !== undefined) fields.next = opts.next;
  const response = await client.postForm(`/admin/login${opts.lang ? `?lang=${opts.lang}` : ''}`, fields);
  return { client, response };
}

describe('admin login', () => {
  it('refuses a wrong password with a message beside the form, and opens no session', async () => {
    const user = await newUser();
    const { client, response } = await attempt(user.email, 'not-the-password', { lang: 'en' });
    expect(response.status).toBe(401);
    expect(textOf(response.body)).toContain('Email or password is incorrect');
    expect(response.headers.getSetCookie().join()).not.toContain('acquit_session=');
    expect(await sessionCount(user.id)).toBe(0);
    expect((await client.get('/admin/invoices')).status).toBe(302);
  });

  it('says the same for an unknown email, in French by default', async () => {
    const { response } = await attempt('nobody@nowhere.test', 'whatever-password');
    expect(response.status).toBe(401);
    expect(textOf(response.body)).toContain('E-mail ou mot de passe incorrect');
  });

  it('answers malformed input with 400 and a message per field', async () => {
    const { response } = await attempt('not-an-email', '', { lang: 'en' });
    expect(response.status).toBe(400);
    const text = textOf(response.body);
    expect(text).toContain('Enter a valid email address.');
    expect(text).toContain('Enter your password.');
  });

  it('locks the account after 5 failures, even against the right password', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) {
      const { response } = await attempt(user.email, `wrong-${i}`);
      expect(response.status).toBe(401);
    }
    const { response } = await attempt(user.email, user.password, { lang: 'en' });
    expect(response.status).toBe(401);
    expect(textOf(response.body)).toContain('Too many failed attempts; try again in 15 minutes');
    expect(response.headers.getSetCookie().join()).not.toContain('acquit_session=');
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('sets an HttpOnly, SameSite=Lax, Secure (production) session cookie and goes to a safe `next`', async () => {
    const user = await newUser();
    const { client, response } = await attempt(user.email, user.password, { next: '/admin/outbox?page=1' });
    expect(response.status).toBe(302);
    expect(response.location).toBe('/admin/outbox?page=1');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('acquit_session='));
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(await sessionCount(user.id)).toBe(1);
    expect((await client.get('/admin/invoices')).status).toBe(200);
  });

  it.each([
    '//evil.example/admin',
    'https://evil.example/admin',
    '/i/abc',
    '/admin/../i/x',
    '/\\evil.example',
    '/administrator',
  ])('never redirects off the admin area (next=%s)', async (next) => {
    const user = await newUser();
    const { response } = await attempt(user.email, user.password, { next });
    expect(response.status).toBe(302);
    expect(response.location).toBe('/admin/invoices');
  });

  it('refuses a POST without the CSRF token (403) and writes nothing', async () => {
    const user = await newUser();
    const client = createClient(app.url);
    await client.get('/admin/login');
    const response = await client.postForm('/admin/login', { email: user.email, password: user.password });
    expect(response.status).toBe(403);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('refuses a POST from another origin (403)', async () => {
    const user = await newUser();
    const client = createClient(app.url);
    const page = await client.get('/admin/login');
    const response = await client.postForm(
      '/admin/login',
      { csrf: csrfFrom(page.body), email: user.email, password: user.password },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(await sessionCount(user.id)).toBe(0);
  });
});

describe('admin session', () => {
  it('sends a visitor without a session to the login page, then back', async () => {
    const response = await createClient(app.url).get('/admin/invoices?status=open');
    expect(response.status).toBe(302);
    expect(response.location).toBe(`/admin/login?next=${encodeURIComponent('/admin/invoices?status=open')}`);
  });

  it('treats an expired session as none', async () => {
    const user = await newUser();
    const client = await loginAs(app, user);
    expect((await client.get('/admin/invoices')).status).toBe(200);
    await db()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(sessions.userId, user.id));
    const response = await client.get('/admin/invoices');
    expect(response.status).toBe(302);
    expect(response.location).toMatch(/^\/admin\/login\?next=/);
  });

  it('logs out by POST only: the session is revoked and refused afterwards', async () => {
    const user = await newUser();
    const client = await loginAs(app, user);
    const token = client.cookies.get('acquit_session')!;
    const page = await client.get('/admin/invoices');
    // A GET changes nothing.
    expect((await client.get('/admin/logout')).status).toBe(302);
    expect((await client.get('/admin/invoices')).status).toBe(200);

    const out = await client.postForm('/admin/logout', { csrf: csrfFrom(page.body) });
    expect(out.status).toBe(302);
    expect(out.location).toBe('/admin/login');
    const [row] = await db().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row?.revokedAt).toBeInstanceOf(Date);

    // The old cookie, replayed, no longer opens anything.
    const replay = createClient(app.url);
    replay.cookies.set('acquit_session', token);
    expect((await replay.get('/admin/invoices')).status).toBe(302);
  });

  it('refuses a logout POST without the CSRF token', async () => {
    const user = await newUser();
    const client = await loginAs(app, user);
    expect((await client.postForm('/admin/logout', {})).status).toBe(403);
    expect((await client.get('/admin/invoices')).status).toBe(200);
  });
});
