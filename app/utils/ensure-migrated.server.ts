import { migrateDatabase, pendingMigrations } from '#db/migrate';
import type { Env } from './env.server';
import { logger } from './logger.server';

export class PendingMigrationsError extends Error {}

/**
 * A web or worker process started on a database that lacks migrations this build needs would fail on its first
 * query touching them, mid-request. Check at start instead: apply them when MIGRATE_ON_START=1 (a single-instance
 * deploy), otherwise refuse to start and say what to run (several instances: migrate once, as a deploy step).
 */
export async function ensureMigrated(env: Pick<Env, 'DATABASE_URL' | 'MIGRATE_ON_START'>): Promise<void> {
  const url = env.DATABASE_URL;
  if (!url) return;
  const pending = await pendingMigrations(url);
  if (!pending.length) return;
  if (env.MIGRATE_ON_START) {
    logger().info({ pending }, 'applying pending migrations (MIGRATE_ON_START=1)');
    await migrateDatabase(url);
    return;
  }
  throw new PendingMigrationsError(
    `The database lacks ${pending.length} migration${pending.length > 1 ? 's' : ''} this build needs ` +
      `(${pending.join(', ')}). Run \`node build/server/migrate.js\` (or \`npm run db:migrate\`) first, ` +
      'or start with MIGRATE_ON_START=1 to apply them now.',
  );
}
