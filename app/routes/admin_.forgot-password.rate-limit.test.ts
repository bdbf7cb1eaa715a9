import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emails } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, csrfFrom } from '../../test/setup/http';
import { textOf } from '../../test/support/admin-client';

// Its own file (own server and database): it spends this IP's allowance of reset requests.
let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

async function ask(email: string) {
  const visitor = createClient(app.url);
  const page = await visitor.get('/admin/forgot-password?lang=en');
  return visitor.postForm('/admin/forgot-password?lang=en', { csrf: csrfFrom(page.body), email });
}

it('three requests per address, five per IP; past either, 429 whether the address exists or not', async () => {
  const user = await createUser((await createBusiness()).id);
  for (let i = 0; i < 3; i++) expect((await ask(user.email)).status).toBe(200);
  const fourth = await ask(user.email);
  expect(fourth.status).toBe(429);
  expect(textOf(fourth.body)).toContain('Too many requests.');
  const count = async () =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(emails)
        .where(sql`${user.email} = ANY(${emails.to})`)
    )[0]!.n;
  expect(await count()).toBe(3);

  // The fifth request from this IP (another address) passes; the sixth is refused.
  expect((await ask('someone@else.test')).status).toBe(200);
  expect((await ask('another@else.test')).status).toBe(429);
});
