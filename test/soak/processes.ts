/** The production build's web server and worker as child processes the harness can kill and start again. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type AppProcess = {
  readonly child: ChildProcess;
  /** Everything it printed (stdout and stderr), for the log checks. */
  output(): string;
};

export type AppProcesses = Awaited<ReturnType<typeof startAppProcesses>>;

const WEB = path.resolve('build/server/web.js');
const WORKER = path.resolve('build/server/worker.js');

export async function startAppProcesses(env: NodeJS.ProcessEnv) {
  const logs: string[] = [];
  let web = await forkReady(WEB, env, 'listening', logs);
  let worker = await forkReady(WORKER, env, 'ready', logs);
  let workerKills = 0;
  let lastKillAt: Date | null = null;
  return {
    logs: () => logs.join(''),
    get workerKills() {
      return workerKills;
    },
    /** When the worker was last SIGKILLed: jobs it had started before then are orphans. */
    get lastKillAt() {
      return lastKillAt;
    },
    /** SIGKILL: no shutdown hook runs, jobs in flight are lost mid-transaction. */
    async killWorker() {
      workerKills++;
      await kill(worker.child, 'SIGKILL');
      lastKillAt = new Date();
    },
    async startWorker() {
      worker = await forkReady(WORKER, env, 'ready', logs);
    },
    async stop() {
      await Promise.all([kill(web.child, 'SIGTERM'), kill(worker.child, 'SIGTERM')]);
    },
    get web() {
      return web;
    },
    set web(value: AppProcess) {
      web = value;
    },
  };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function forkReady(script: string, env: NodeJS.ProcessEnv, readyType: string, logs: string[]) {
  const child = fork(script, [], { env, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    logs.push(chunk.toString());
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  process.once('exit', () => child.kill('SIGKILL'));
  child.once('exit', (code, signal) => {
    if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0)
      logs.push(`\n[soak] ${path.basename(script)} exited: ${code ?? signal}\n`);
  });
  return new Promise<AppProcess>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${path.basename(script)} not ready in 30 s:\n${output}`)),
      30_000,
    );
    child.on('message', (message: { type?: string }) => {
      if (message?.type !== readyType) return;
      clearTimeout(timer);
      resolve({ child, output: () => output });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited (${code}) before it was ready:\n${output}`));
    });
  });
}
