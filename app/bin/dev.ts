/**
 * `npm run dev`: everything a newcomer needs, from nothing installed. Without DATABASE_URL it runs an embedded
 * PostgreSQL (data under .data/postgres), migrates, seeds demo data, builds once, then runs `remix watch`, the
 * web process and the worker. Ctrl-C stops the children, then postgres, and leaves nothing running.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrateDatabase } from '#db/migrate';
import { KEEPER, startDevDatabase, type DevDatabase } from './dev/database';
import { acquireDevLock, type DevLock } from './dev/lock';
import { portInUse, prefixed, startChild, stopChild, type Child } from './dev/processes';
import { startSimulatedStripe, type SimulatedStripe } from './dev/stripe';

const root = process.cwd();
const REMIX = path.join(root, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js');
const children = new Set<Child>();
let lock: DevLock | undefined;
let database: DevDatabase | undefined;
let simulatedStripe: SimulatedStripe | undefined;
let shuttingDown = false;

function say(line: string) {
  console.log(prefixed('dev', line));
}

async function shutdown(code: number, reason?: string): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    if (reason) say(reason);
    await Promise.all([...children].map((child) => stopChild(child)));
    await simulatedStripe?.fake.stop();
    if (database) {
      say('stopping PostgreSQL');
      await database.stop();
    }
    lock?.release();
    if (code === 0) say('stopped; nothing left running');
    process.exit(code);
  }
  return new Promise<never>(() => {});
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(0, `${signal} received: stopping`));
}

/** After each await in startup: once a shutdown has begun, startup goes no further. */
async function checkpoint(): Promise<void> {
  if (shuttingDown) await new Promise<never>(() => {});
}

function track(child: Child, marker: string): Child {
  children.add(child);
  lock?.record(child.name, child.proc.pid, marker);
  void child.exited.then(() => children.delete(child));
  return child;
}

/** A step that must finish before the next one starts (seed, first build). */
async function runStep(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
) {
  const code = await track(startChild(name, args, { env, onLine }), args[0]!).exited;
  await checkpoint();
  if (code !== 0) await shutdown(1, `${name} failed (exit code ${code}); see the lines above`);
}

/**
 * A long-running process. If the web server or the watcher dies on its own, the whole dev server stops rather
 * than half-working; a dead worker only costs background jobs, so the pages stay up and it says so.
 */
function runService(
  name: string,
  args: string[],
  opts: {
    env: NodeJS.ProcessEnv;
    marker: string;
    ipc?: boolean;
    fatal?: boolean;
    onLine?: (line: string) => void;
  },
): Child {
  const child = track(startChild(name, args, opts), opts.marker);
  void child.exited.then((code) => {
    if (shuttingDown) return;
    if (opts.fatal === false) {
      say(
        `${name} exited (exit code ${code}): background jobs are NOT running; fix it, then restart npm run dev`,
      );
    } else void shutdown(1, `${name} exited unexpectedly (exit code ${code}); stopping the rest`);
  });
  return child;
}

async function main() {
  if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));
  const acquired = await acquireDevLock(path.join(root, '.data', 'dev.pid'), say);
  if ('heldBy' in acquired) {
    console.error(
      `Another \`npm run dev\` (pid ${acquired.heldBy}) is already running in this checkout. ` +
        'Stop it first (Ctrl-C in its terminal), or use that one.',
    );
    process.exit(1);
  }
  lock = acquired.lock;

  const port = process.env.PORT || '3000';
  if (await portInUse(Number(port), process.env.HOST || '127.0.0.1')) {
    await shutdown(1, `port ${port} is already in use; stop what uses it, or run PORT=3001 npm run dev`);
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const started = performance.now();
    database = startDevDatabase(root);
    lock.record('postgres keeper', database.child.proc.pid, KEEPER);
    const { url, dataDir } = await database.ready;
    databaseUrl = url;
    say(`embedded PostgreSQL up in ${Math.round(performance.now() - started)} ms (data in ${dataDir})`);
  } else say('Using DATABASE_URL from the environment');
  await checkpoint();

  await migrateDatabase(databaseUrl);
  await checkpoint();
  say('migrations applied');

  const banner: string[] = [];
  if (!process.env.STRIPE_SECRET_KEY) {
    const host = process.env.HOST || '127.0.0.1';
    const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    simulatedStripe = await startSimulatedStripe(`http://${local}:${port}/webhooks/stripe`, (line) =>
      console.log(prefixed('stripe', line)),
    );
    await checkpoint();
    say(
      `no STRIPE_SECRET_KEY: simulated payments through the local Stripe fake at ${simulatedStripe.fake.url}`,
    );
    banner.push(
      'simulated payments: card 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined, IBAN DE89 3704 0044 0532 0130 00 debits',
    );
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    PORT: port,
    APP_URL: process.env.APP_URL || `http://localhost:${port}`,
    ...simulatedStripe?.env,
  };

  if (existsSync(path.join(root, 'db', 'seed.ts'))) {
    await runStep('seed', ['db/seed.ts'], env, (line) => {
      if (/^(admin|debtor link|statement link): /.test(line)) {
        banner.push(line);
        console.log(line);
      } else console.log(prefixed('seed', line));
    });
  } else say('db/seed.ts not found: no demo data');

  const buildStarted = performance.now();
  await runStep('build', [REMIX, 'build'], env);
  say(`first build done in ${Math.round(performance.now() - buildStarted)} ms`);

  // The banner waits for the web server and for the watcher's own first build, so it is what stays on screen.
  let listening = false;
  let watcherBuilt = false;
  let bannerShown = false;
  const showBanner = (force = false) => {
    if (bannerShown || shuttingDown || !listening || !(watcherBuilt || force)) return;
    bannerShown = true;
    console.log(`\nAcquit is running at ${env.APP_URL}  (Ctrl-C to stop)`);
    for (const line of banner) console.log(line);
    console.log('');
  };
  runService('build', [REMIX, 'watch'], {
    env,
    marker: 'remix',
    onLine: (line) => {
      console.log(prefixed('build', line));
      if (/(Built|Rebuilt) in /.test(line)) {
        watcherBuilt = true;
        showBanner();
      }
    },
  });
  const web = runService('web', ['app/bin/web.ts'], { env, marker: 'app/bin/web.ts', ipc: true });
  web.proc.on('message', (message: { type?: string }) => {
    if (message?.type !== 'listening') return;
    listening = true;
    showBanner();
    // Should the watcher's first build fail, the banner still comes.
    setTimeout(() => showBanner(true), 20_000).unref();
  });
  if (existsSync(path.join(root, 'app', 'bin', 'worker.ts'))) {
    runService('worker', ['app/bin/worker.ts'], { env, marker: 'app/bin/worker.ts', fatal: false });
  } else say('app/bin/worker.ts not found: no background jobs');
}

main().catch((error) => {
  void shutdown(1, `failed: ${error instanceof Error ? error.message : String(error)}`);
});
