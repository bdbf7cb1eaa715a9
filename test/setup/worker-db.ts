/**
 * Runs in every test worker before each test file: gives the worker its own database, `acquit_test_<pool id>`,
 * cloned afresh from the migrated template (so a file never sees rows another file left), and the environment the
 * app reads, before any app module asks for it.
 */
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { closeDb } from '~/utils/db.server';
import { stopAllApps } from './app-server';

const adminUrl = inject('adminDatabaseUrl');
const template = inject('templateDatabase');
const name = `acquit_test_${process.env.VITEST_POOL_ID ?? '1'}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
try {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
} finally {
  await admin.end({ timeout: 5 });
}

const url = new URL(adminUrl);
url.pathname = `/${name}`;
Object.assign(process.env, {
  DATABASE_URL: url.href,
  NODE_ENV: 'test',
  APP_URL: 'http://127.0.0.1:3000',
  SESSION_SECRET: 'test-session-secret-0123456789abcdef0123456789',
  LOG_LEVEL: 'silent',
});
// Whatever the developer's shell exports, tests never reach real Stripe or Resend.
for (const key of Object.keys(process.env)) {
  if (/^(STRIPE|RESEND)_/.test(key)) delete process.env[key];
}

afterAll(async () => {
  await stopAllApps();
  await closeDb();
});
