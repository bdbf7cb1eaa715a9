import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emails, passwordResets, users } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';
import { loginAs, textOf } from '../../test/support/admin-client';

// At most five requests here: the sixth from this IP within 15 minutes is refused (see the rate-limit file).
let app: RunningApp;
let businessId: string;
beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
});
afterAll(() => app.stop());

async function ask(email: string) {
  const visitor = createClient(app.url);
  const page = await visitor.get('/admin/forgot-password?lang=en');
  return visitor.postForm('/admin/forgot-password?lang=en', { csrf: csrfFrom(page.body), email });
}

const resetMails = (to: string) =>
  db()
    .select()
    .from(emails)
    .where(and(eq(emails.template, 'password-reset'), sql`${to} = ANY(${emails.to})`));

const tokenIn = (text: string) => /\/admin\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)![1]!;

describe('forgotten password', () => {
  test('the answer is the same for a known and an unknown address; only the known one gets mail', async () => {
    const user = await createUser(businessId, { email: 'known@atelier.test' });
    const known = await ask('KNOWN@atelier.test');
    const unknown = await ask('unknown@atelier.test');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const strip = (html: string) => textOf(html).replace(/value="[^"]*"/g, '');
    expect(strip(known.body)).toContain('If an account exists with this address, a link has just been sent');
    expect(strip(unknown.body)).toBe(strip(known.body).replace(/KNOWN/g, 'unknown'));
    expect(await resetMails('known@atelier.test')).toHaveLength(1);
    expect(await resetMails('unknown@atelier.test')).toHaveLength(0);
    const [row] = await db().select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(60 * 60_000);
  });

  test('the link sets a new password once, ends every other session and signs in here', async () => {
    const user = await createUser(businessId, { email: 'reset.me@atelier.test' });
    const elsewhere = await loginAs(app, user);
    await db().update(users).set({ failedLoginCount: 3 }).where(eq(users.id, user.id));
    await ask('reset.me@atelier.test');
    const [mail] = await resetMails('reset.me@atelier.test');
    const token = tokenIn(mail!.text);

    const visitor = createClient(app.url);
    const page = await visitor.get(`/admin/reset-password/${token}?lang=en`);
    expect(page.status).toBe(200);
    const csrf = csrfFrom(page.body);
    const mismatch = await visitor.postForm(`/admin/reset-password/${token}?lang=en`, {
      csrf,
      password: 'the new long password',
      confirm: 'the new long passwor',
    });
    expect(mismatch.status).toBe(400);
    expect(textOf(mismatch.body)).toContain('The two passwords do not match.');

    const done = await visitor.postForm(`/admin/reset-password/${token}?lang=en`, {
      csrf,
      password: 'the new long password',
      confirm: 'the new long password',
    });
    expect(done.status).toBe(302);
    expect((await visitor.get('/admin/invoices')).status).toBe(200);
    expect((await elsewhere.get('/admin/invoices')).status).toBe(302);
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after!.failedLoginCount).toBe(0);
    await loginAs(app, { email: user.email, password: 'the new long password' });

    const reuse = await visitor.postForm(`/admin/reset-password/${token}?lang=en`, {
      csrf,
      password: 'a third long password',
      confirm: 'a third long password',
    });
    expect(reuse.status).toBe(404);
    expect((await createClient(app.url).get(`/admin/reset-password/${token}`)).status).toBe(404);
  });

  test('a disabled user gets no link; malformed tokens are a 404', async () => {
    const user = await createUser(businessId, { email: 'gone@atelier.test' });
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await ask('gone@atelier.test')).status).toBe(200);
    expect(await resetMails('gone@atelier.test')).toHaveLength(0);
    for (const token of ['short', 'B'.repeat(43)]) {
      expect((await createClient(app.url).get(`/admin/reset-password/${token}`)).status).toBe(404);
    }
  });
});
