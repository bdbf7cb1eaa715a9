/**
 * What every bench run stands on: a throwaway PostgreSQL cluster with the demo data, and the production web server
 * (build/server/web.js) on a free port, started with the bench's Stripe secrets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { migrateDatabase } from '#db/migrate';
import { freePort } from '../setup/ports';
import { startTestCluster, type TestCluster } from '../setup/test-cluster';
import { BENCH_WEBHOOK_SECRET } from './webhooks';

export type BenchApp = {
  cluster: TestCluster;
  appUrl: string;
  /** A fresh link to the demo's showcase invoice. */
  debtorUrl: string;
  web: ChildProcess;
  /** The worker (build/server/worker.js), which applies queued Stripe events; started on request. */
  worker: ChildProcess | null;
  /** Stops the web server (waiting for it to exit, so a --cpu-prof file is complete), the worker and the cluster. */
  stop(): Promise<void>;
};

/**
 * The node flags of `npm start` (package.json), so the bench measures the server as production runs it: a 32 MB
 * young generation, because a rendered page's garbage outgrew the default and was promoted and collected again by
 * the old generation's collector (about 7% of the debtor page's CPU time).
 */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const [node, ...words] = pkg.scripts.start!.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  return words.filter((w) => w.startsWith('--'));
}

export function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function startBenchApp(
  log: (line: string) => void,
  nodeArgs: string[] = [],
  opts: { wrap?: string[]; worker?: boolean } = {},
): Promise<BenchApp> {
  const cluster = await startTestCluster('acquit_bench', log);
  try {
    await migrateDatabase(cluster.url);
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    Object.assign(process.env, { DATABASE_URL: cluster.url, APP_URL: appUrl, LOG_LEVEL: 'warn' });
    // App modules read the environment when first used, so load them only now.
    const { seedDemo, demoLinks } = await import('#db/seed');
    const { db, closeDb } = await import('~/utils/db.server');
    await seedDemo(db());
    const [link] = await demoLinks(db());
    await closeDb();
    if (!link) throw new Error('the demo data has no showcase invoice');

    log('starting the production web server');
    const [command, ...prefix] = [...(opts.wrap ?? []), process.execPath];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
      LOG_LEVEL: 'info',
    };
    const web = await startProcess(
      command!,
      [...prefix, ...startScriptNodeFlags(), ...nodeArgs, 'build/server/web.js'],
      env,
      /web server listening/,
    );
    const worker = opts.worker
      ? await startProcess(process.execPath, ['build/server/worker.js'], env, /worker started/)
      : null;
    const stop = async () => {
      await Promise.all([web, worker].map((child) => child && stopChild(child)));
      await cluster.stop();
    };
    return { cluster, appUrl, debtorUrl: link.url, web, worker, stop };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
