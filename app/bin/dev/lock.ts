/**
 * `.data/dev.pid`: one `npm run dev` per checkout. It also lists the run's child processes, so the next run can
 * stop whatever a run killed with SIGKILL left behind.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandLine, processAlive, waitForExit } from './processes';

type Entry = { pid: number; marker: string };
type LockFile = { pid: number; startedAt: string; children: Record<string, Entry> };

export type DevLock = {
  record(name: string, pid: number | undefined, marker: string): void;
  release(): void;
};

const ORCHESTRATOR = 'app/bin/dev.ts';

function read(file: string): LockFile | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockFile>;
    return typeof data.pid === 'number' ? { startedAt: '?', children: {}, ...data, pid: data.pid } : null;
  } catch {
    return null;
  }
}

/** A child still running after its orchestrator died: ask it to stop, then insist. */
async function stopLeftover(name: string, entry: Entry, log: (line: string) => void): Promise<void> {
  if (!processAlive(entry.pid) || !commandLine(entry.pid).includes(entry.marker)) return;
  log(`  stopping its ${name} process (pid ${entry.pid}), still running`);
  process.kill(entry.pid, 'SIGTERM');
  if (!(await waitForExit(entry.pid, 5_000))) {
    process.kill(entry.pid, 'SIGKILL');
    await waitForExit(entry.pid, 2_000);
  }
}

/** Returns the lock, or the pid of the live `npm run dev` that holds it. */
export async function acquireDevLock(
  file: string,
  log: (line: string) => void,
): Promise<{ lock: DevLock } | { heldBy: number }> {
  mkdirSync(path.dirname(file), { recursive: true });
  const previous = read(file);
  if (previous) {
    if (processAlive(previous.pid) && commandLine(previous.pid).includes(ORCHESTRATOR))
      return { heldBy: previous.pid };
    log(
      `Recovering from a killed run: the dev server started at ${previous.startedAt} (pid ${previous.pid}) ` +
        'did not shut down cleanly.',
    );
    for (const [name, entry] of Object.entries(previous.children)) await stopLeftover(name, entry, log);
    rmSync(file, { force: true });
  }
  const state: LockFile = { pid: process.pid, startedAt: new Date().toISOString(), children: {} };
  try {
    writeFileSync(file, JSON.stringify(state), { flag: 'wx' });
  } catch (error) {
    // Another run created it between our read and our write.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { heldBy: read(file)?.pid ?? 0 };
    throw error;
  }
  return {
    lock: {
      record(name, pid, marker) {
        if (!pid) return;
        state.children[name] = { pid, marker };
        writeFileSync(file, JSON.stringify(state));
      },
      release() {
        if (read(file)?.pid === process.pid) rmSync(file, { force: true });
      },
    },
  };
}
