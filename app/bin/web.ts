/** The web process: `npm start` (production build) or spawned by `npm run dev`. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { createAppServer } from '~/server/http.server';
import { closeDb } from '~/utils/db.server';
import { EnvError, env as readEnv } from '~/utils/env.server';
import { ensureMigrated, PendingMigrationsError } from '~/utils/ensure-migrated.server';
import { logger } from '~/utils/logger.server';
import { assertSafeMode } from '~/utils/mode.server';

const root = process.cwd();
const buildFile = path.join(root, 'build', 'index.js');

async function main() {
  const env = readEnv();
  assertSafeMode(env);
  await ensureMigrated(env);
  const dev = env.NODE_ENV === 'development';
  let build: ServerBuild | undefined;
  let builtAt = 0;

  // In development `remix watch` rewrites the build; re-import it when it changes.
  async function loadBuild(): Promise<ServerBuild> {
    if (build && !dev) return build;
    const mtime = statSync(buildFile).mtimeMs;
    if (!build || mtime !== builtAt) {
      builtAt = mtime;
      build = (await import(`${pathToFileURL(buildFile).href}?t=${mtime}`)) as ServerBuild;
    }
    return build;
  }
  await loadBuild();

  const server = createAppServer({
    env,
    publicDir: path.join(root, 'public'),
    loadBuild,
    mode: dev ? 'development' : 'production',
  });
  server.keepAliveTimeout = 65_000;
  server.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    logger().info({ port }, 'web server listening');
    process.send?.({ type: 'listening', port });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info({ signal }, 'draining requests');
    server.close(() => {
      closeDb().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof EnvError || error instanceof PendingMigrationsError) console.error(error.message);
  else console.error('web server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
