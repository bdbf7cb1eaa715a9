import PgBoss from 'pg-boss';
import { env } from '~/utils/env.server';

/**
 * pg-boss keeps its own small node-postgres pool: it runs multi-statement transactions and sends parameters that
 * postgres.js refuses, so it cannot share the app's pool. Same database, its own `pgboss` schema.
 */
export function createBoss(): PgBoss {
  return new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: 'pgboss',
    max: 4,
    application_name: 'acquit-worker',
  });
}
