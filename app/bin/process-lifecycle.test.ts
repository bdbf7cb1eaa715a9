/**
 * The production processes' start and stop: a start against a database that lacks migrations refuses (or applies
 * them when told to), and SIGTERM lets a request in flight finish before the web server exits.
 */
import { fork } from 'node:child_process';
import { request } from 'node:http';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { pendingMigrations } from '#db/migrate';
import { freePort } from '../../test/setup/ports';

const adminUrl = inject('adminDatabaseUrl');
const EMPTY = `acquit_unmigrated_${process.env.VITEST_POOL_ID ?? '1'}`;
const emptyUrl = Object.assign(new URL(adminUrl), { pathname: `/${EMPTY}` }).href;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

afterAll(async () => {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${EMPTY} WITH (FORCE)`);
  await admin.end({ timeout: 5 });
});

async function emptyDatabase() {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${EMPTY} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${EMPTY}`);
}

/** Forks a built entry point; resolves when it says `readyType` or exits, with everything it printed. */
function start(script: 'web' | 'worker', env: Record<string, string>) {
  const child = fork(path.resolve(`build/server/${script}.js`), [], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      SESSION_SECRET: 'lifecycle-session-secret-0123456789abcdef',
      STRIPE_SECRET_KEY: 'sk_test_fake',
      LOG_LEVEL: 'info',
      ...env,
    },
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<'ready' | 'exited'>((resolve) => {
    child.on('message', (m: { type?: string }) => {
      if (m?.type === (script === 'web' ? 'listening' : 'ready')) resolve('ready');
    });
    void exited.then(() => resolve('exited'));
  });
  return { child, ready, exited, output: () => output };
}

describe('starting against a database with pending migrations', () => {
  it.each(['web', 'worker'] as const)(
    'the %s refuses, names them and says what to run; nothing is created',
    async (script) => {
      await emptyDatabase();
      const port = String(await freePort());
      const proc = start(script, { DATABASE_URL: emptyUrl, PORT: port, APP_URL: `http://127.0.0.1:${port}` });
      expect(await proc.ready).toBe('exited');
      expect(await proc.exited).toBe(1);
      expect(proc.output()).toMatch(/The database lacks \d+ migrations this build needs \(0000_init, /);
      expect(proc.output()).toContain('node build/server/migrate.js');
      expect(proc.output()).not.toMatch(/at .*\.js:\d+/); // a sentence, not a stack trace
      const sql = postgres(emptyUrl, { max: 1, onnotice: () => {} });
      const [tables] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`;
      await sql.end({ timeout: 5 });
      expect(tables!.n).toBe(0);
    },
  );

  it('with MIGRATE_ON_START=1 the web server applies them and starts', async () => {
    await emptyDatabase();
    const port = String(await freePort());
    const proc = start('web', {
      DATABASE_URL: emptyUrl,
      PORT: port,
      APP_URL: `http://127.0.0.1:${port}`,
      MIGRATE_ON_START: '1',
    });
    expect(await proc.ready).toBe('ready');
    expect(await pendingMigrations(emptyUrl)).toEqual([]);
    const status = await fetch(`http://127.0.0.1:${port}/status`);
    expect(status.status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});

describe('SIGTERM', () => {
  it('lets the request in flight finish, refuses new connections, then exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const proc = start('web', { DATABASE_URL: process.env.DATABASE_URL!, PORT: String(port), APP_URL: base });
    expect(await proc.ready).toBe('ready');

    // A login form whose body is still arriving when the signal comes.
    const body = 'email=someone%40example.test&password=not-the-password&csrf=x';
    const answer = new Promise<number>((resolve, reject) => {
      const req = request(`${base}/admin/login`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': String(body.length),
          Origin: base,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        proc.child.kill('SIGTERM');
        setTimeout(async () => {
          await expect(fetch(`${base}/status`)).rejects.toThrow();
          req.end(body.slice(10));
        }, 300);
      }, 200);
    });
    const status = await answer;
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(500);
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('draining requests');
  });
});
