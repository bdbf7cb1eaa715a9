/** Child processes of `npm run dev`: prefixed output, and a stop that always ends with the process gone. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export type Child = { name: string; proc: ChildProcess; exited: Promise<number> };

const COLORS: Record<string, number> = { web: 36, worker: 35, build: 33, seed: 32, db: 34 };
const tty = process.stdout.isTTY;

export function prefixed(name: string, line: string): string {
  const tag = `[${name}]`;
  return `${tty ? `\x1b[${COLORS[name] ?? 90}m${tag}\x1b[0m` : tag} ${line}`;
}

/**
 * Runs a TypeScript entry (through tsx's loader, in one process, so a signal reaches the code itself) or a
 * JavaScript file with this Node. Each output line goes to `onLine`, by default printed with the name as prefix.
 */
export function startChild(
  name: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; ipc?: boolean; detached?: boolean; onLine?: (line: string) => void },
): Child {
  const loader = args[0]?.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const proc = spawn(process.execPath, [...loader, ...args], {
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe', ...(opts.ipc ? (['ipc'] as const) : [])],
    detached: opts.detached ?? false,
  });
  const onLine = opts.onLine ?? ((line: string) => console.log(prefixed(name, line)));
  for (const stream of [proc.stdout, proc.stderr]) {
    if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
  }
  const exited = new Promise<number>((resolve) => {
    proc.once('error', (error) => {
      onLine(`could not start: ${error.message}`);
      resolve(1);
    });
    proc.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  return { name, proc, exited };
}

function running(child: Child): boolean {
  return child.proc.exitCode === null && child.proc.signalCode === null;
}

/** SIGTERM, then SIGKILL after `graceMs`. Resolves once the process has exited. */
export async function stopChild(child: Child, graceMs = 5_000): Promise<void> {
  if (!running(child)) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (running(child)) {
      console.log(prefixed(child.name, `still running after ${graceMs / 1000} s; killing it`));
      child.proc.kill('SIGKILL');
    }
  }, graceMs);
  await child.exited;
  clearTimeout(timer);
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The command line of a live process (Linux), or '' when it is gone or unreadable. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/** Whether something already listens on host:port (so we can say so before the web process crashes on it). */
export function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}
