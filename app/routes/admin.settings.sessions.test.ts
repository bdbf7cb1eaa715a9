import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sessions } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom, type HttpClient } from '../../test/setup/http';
import { csrfOf, textOf } from '../../test/support/admin-client';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

/** Logs in with a given browser's user agent, so the sessions page can tell the devices apart. */
async function loginFrom(user: { email: string; password: string }, userAgent: string): Promise<HttpClient> {
  const client = createClient(app.url);
  const headers = { 'user-agent': userAgent };
  const page = await client.get('/admin/login', { headers });
  const res = await client.request(
    'POST',
    '/admin/login',
    new URLSearchParams({ csrf: csrfFrom(page.body), email: user.email, password: user.password }),
    { headers },
  );
  expect(res.status).toBe(302);
  return client;
}

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

test('a user sees their sessions (device, IP, last seen) and ends one, or all the others', async () => {
  const businessId = (await createBusiness()).id;
  const user = await createUser(businessId, { role: 'staff' });
  const laptop = await loginFrom(user, FIREFOX);
  const phone = await loginFrom(user, SAFARI);
  const third = await loginFrom(user, SAFARI);
  const other = await loginFrom(await createUser(businessId), FIREFOX);

  const page = await laptop.get('/admin/settings/sessions?lang=en');
  expect(page.status).toBe(200);
  const text = textOf(page.body);
  expect(text).toContain('Firefox · Windows');
  expect(text).toContain('Safari · iOS');
  expect(text).toContain('IP: 127.0.0.1');
  expect(text).toContain('This session');

  const csrf = await csrfOf(laptop, '/admin/settings/sessions');
  const [phoneSession] = await db()
    .select()
    .from(sessions)
    .where(eq(sessions.userAgent, SAFARI))
    .orderBy(sessions.createdAt)
    .limit(1);
  const ended = await laptop.postForm('/admin/settings/sessions?lang=en', {
    csrf,
    sessionId: phoneSession!.id,
  });
  expect(textOf(ended.body)).toContain('Session ended.');
  expect((await phone.get('/admin/invoices')).status).toBe(302);
  expect((await third.get('/admin/invoices')).status).toBe(200);

  // Someone else's session id is not theirs to end.
  const theirs = (await db().select().from(sessions)).find(
    (s) => s.userId !== user.id && s.userAgent === FIREFOX,
  )!;
  const refused = await laptop.postForm('/admin/settings/sessions?lang=en', { csrf, sessionId: theirs.id });
  expect(refused.status).toBe(404);
  expect((await other.get('/admin/invoices')).status).toBe(200);
  expect((await laptop.postForm('/admin/settings/sessions', { csrf, sessionId: 'junk' })).status).toBe(404);

  const rest = await laptop.postForm('/admin/settings/sessions?lang=en', { csrf, intent: 'revoke-others' });
  expect(textOf(rest.body)).toContain('1 session(s) ended.');
  expect((await third.get('/admin/invoices')).status).toBe(302);
  expect((await laptop.get('/admin/invoices')).status).toBe(200);
});

test('last seen moves forward as the session is used, at most every five minutes', async () => {
  const user = await createUser((await createBusiness()).id);
  const client = await loginFrom(user, FIREFOX);
  const old = new Date(Date.now() - 3_600_000);
  await db().update(sessions).set({ lastSeenAt: old }).where(eq(sessions.userId, user.id));
  expect((await client.get('/admin/invoices')).status).toBe(200);
  const [row] = await db().select().from(sessions).where(eq(sessions.userId, user.id));
  expect(row!.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  const recent = new Date(Date.now() - 60_000);
  await db().update(sessions).set({ lastSeenAt: recent }).where(eq(sessions.userId, user.id));
  await client.get('/admin/invoices');
  const [again] = await db().select().from(sessions).where(eq(sessions.userId, user.id));
  expect(again!.lastSeenAt.getTime()).toBe(recent.getTime());
});
