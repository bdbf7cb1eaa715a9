/**
 * Starts the real production server (`node build/server/web.js`, built by the global setup) against this test
 * worker's database, on a free port.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { freePort } from './ports';

export type RunningApp = {
  url: string;
  /** Everything the server printed so far (stdout and stderr): suites grep it for leaked secrets. */
  logs(): string;
  stop(): Promise<void>;
};

const running = new Set<RunningApp>();
const WEB = path.resolve('build/server/web.js');
const WORKER = path.resolve('build/server/worker.js');

export async function startApp(
  extraEnv: Record<string, string | undefined> = {},
  opts: { worker?: boolean } = {},
): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_URL: url,
    DATABASE_URL: process.env.DATABASE_URL,
    SESSION_SECRET: 'integration-session-secret-0123456789abcdef',
    // Production refuses to start without a Stripe key; nothing here calls Stripe unless a test points it somewhere.
    STRIPE_SECRET_KEY: 'sk_test_fake',
    LOG_LEVEL: 'warn',
  };
  for (const [key, value] of Object.entries(extraEnv)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const children = [await forkReady(WEB, env, 'listening')];
  // Stripe's events are applied by the worker (the webhook only queues them), as in production.
  if (opts.worker) children.push(await forkReady(WORKER, env, 'ready'));
  const output = () => children.map((c) => c.output()).join('');

  const app: RunningApp = {
    url,
    logs: output,
    async stop() {
      running.delete(app);
      await Promise.all(children.map((c) => c.stop()));
    },
  };
  running.add(app);
  return app;
}

/** Called after each test file (worker-db.ts): a test that forgot `stop()` leaves no server behind. */
export async function stopAllApps(): Promise<void> {
  await Promise.all([...running].map((app) => app.stop()));
}

/** Forks a built entry point and waits for its IPC message `readyType` (web: listening, worker: ready). */
async function forkReady(script: string, env: NodeJS.ProcessEnv, readyType: string) {
  let output = '';
  const child = fork(script, [], { env, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the test worker itself goes away, its server goes too.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} did not start within 30 s:\n${output}`));
    }, 30_000);
    child.on('message', (message: { type?: string }) => {
      if (message?.type !== readyType) return;
      clearTimeout(timer);
      resolve();
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(`${path.basename(script)} exited before it was ready (is the build there?):\n${output}`),
      );
    });
  });
  return {
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
