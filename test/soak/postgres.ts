/**
 * The soak's PostgreSQL: an embedded cluster in a temp dir that the harness can restart under the app's feet,
 * either cleanly (fast shutdown: sessions are terminated) or as a crash (immediate shutdown: no checkpoint, crash
 * recovery at the next start), on the same port and data.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedServer } from '#db/embedded';
import { freePort } from '../setup/ports';

export type SoakPostgres = Awaited<ReturnType<typeof startSoakPostgres>>;

export async function startSoakPostgres(log: (line: string) => void) {
  const dir = mkdtempSync(path.join(tmpdir(), 'acquit-soak-'));
  chmodSync(dir, 0o755);
  const options = { dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'acquit_soak', log };
  let server: EmbeddedServer = await startEmbeddedPostgres({ ...options, fresh: true });
  const postmasterPid = () =>
    Number(readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

  return {
    url: server.url,
    adminUrl: server.adminUrl,
    /** Stops PostgreSQL (`fast`: rolls back and disconnects every session; `immediate`: as a crash) and starts it. */
    async restart(mode: 'fast' | 'immediate'): Promise<number> {
      const started = performance.now();
      if (mode === 'fast') await server.stop();
      else {
        const pid = postmasterPid();
        process.kill(pid, 'SIGQUIT');
        while (alive(pid)) await new Promise((r) => setTimeout(r, 20));
      }
      server = await startEmbeddedPostgres(options);
      return performance.now() - started;
    },
    async stop() {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
