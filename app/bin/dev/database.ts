import path from 'node:path';
import { startChild, stopChild, type Child } from './processes';

export const KEEPER = 'app/bin/dev/postgres-keeper.ts';

type Reply = { type: 'ready'; url: string; dataDir: string } | { type: 'failed'; message: string };

export type DevDatabase = {
  child: Child;
  ready: Promise<{ url: string; dataDir: string }>;
  stop(): Promise<void>;
};

/**
 * Starts the embedded PostgreSQL (data under `.data/postgres`) through its keeper process (see
 * postgres-keeper.ts). `stop` works at any moment, even while postgres is still starting.
 */
export function startDevDatabase(root: string): DevDatabase {
  const child = startChild('db', [KEEPER], {
    env: { ...process.env, ACQUIT_PG_DATA_DIR: path.join(root, '.data', 'postgres') },
    ipc: true,
    detached: true,
  });
  const ready = new Promise<Reply>((resolve) => {
    child.proc.once('message', (message: Reply) => resolve(message));
    void child.exited.then((code) =>
      resolve({ type: 'failed', message: `the database process exited (${code})` }),
    );
  }).then((reply) => {
    if (reply.type === 'failed') throw new Error(reply.message);
    return { url: reply.url, dataDir: reply.dataDir };
  });
  return { child, ready, stop: () => stopChild(child, 20_000) };
}
