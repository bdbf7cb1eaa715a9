import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { business } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createUser } from '../factories';
import { startApp, type RunningApp } from './app-server';
import { createClient, csrfFrom } from './http';

describe('test database', () => {
  it('is this worker’s own clone of the migrated template', async () => {
    expect(new URL(process.env.DATABASE_URL!).pathname).toBe(
      `/acquit_test_${process.env.VITEST_POOL_ID ?? '1'}`,
    );
    const [{ name } = { name: '' }] = await db().execute<{ name: string }>(
      sql`SELECT current_database() AS name`,
    );
    expect(name).toBe(new URL(process.env.DATABASE_URL!).pathname.slice(1));
    // Migrated (the tables exist) and empty (nothing seeded).
    expect(await db().select().from(business)).toEqual([]);
    const [migrations] = await db().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    );
    expect(migrations?.n).toBeGreaterThan(0);
  });
});

describe('startApp', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());

  it('answers an unknown debtor link with 404', async () => {
    const response = await createClient(app.url).get(`/i/${'A'.repeat(43)}`);
    expect(response.status).toBe(404);
  });

  it('refuses a POST from a foreign origin with 403', async () => {
    const client = createClient(app.url);
    const forged = await client.postForm(
      `/i/${'A'.repeat(43)}`,
      { intent: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
    const missing = await client.postForm(`/i/${'A'.repeat(43)}`, { intent: 'x' }, { origin: null });
    expect(missing.status).toBe(403);
  });

  it('logs in with a factory user: csrfFrom reads the form token, the jar keeps the cookies', async () => {
    const business = await createBusiness();
    const user = await createUser(business.id, { role: 'owner', password: 'a-long-enough-password' });
    const client = createClient(app.url);
    const page = await client.get('/admin/login');
    expect(page.status).toBe(200);
    const fields = { email: user.email, password: user.password, csrf: csrfFrom(page.body) };
    const loggedIn = await client.postForm('/admin/login', fields);
    expect(loggedIn.status).toBe(302);
    expect(loggedIn.location).toMatch(/^\/admin/);
    expect((await client.get('/admin/login')).status).toBe(302);
    expect(app.logs()).not.toContain(user.password);
  });
});
