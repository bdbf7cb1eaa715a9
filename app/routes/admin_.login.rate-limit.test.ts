import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBusiness, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';
import { textOf } from '../../test/support/admin-client';

// Its own file (and so its own server and database): it spends this IP's whole allowance of failed logins.
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

async function attempt(email: string, password: string) {
  const client = createClient(app.url);
  const page = await client.get('/admin/login?lang=en');
  return client.postForm('/admin/login?lang=en', { csrf: csrfFrom(page.body), email, password });
}

it('after 10 failed logins from one IP, the next is refused before any password is checked', async () => {
  const user = await createUser((await createBusiness()).id);
  for (let i = 0; i < 10; i++) {
    // Different unknown emails: no account gets locked, only the IP is counted.
    expect((await attempt(`nobody-${i}@example.test`, 'guess')).status).toBe(401);
  }
  const response = await attempt(user.email, user.password);
  expect(response.status).toBe(429);
  expect(textOf(response.body)).toContain('Too many attempts from your connection');
  expect(response.headers.getSetCookie().join()).not.toContain('acquit_session=');
});
