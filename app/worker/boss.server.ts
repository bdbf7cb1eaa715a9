import PgBoss from 'pg-boss';
import { sqlClient } from '~/utils/db.server';

/** pg-boss on the app's own postgres.js pool: one driver, one set of connections. */
export function createBoss(): PgBoss {
  const sql = sqlClient();
  return new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[] = []) => ({
        rows: await sql.unsafe(text, values as never[]),
      }),
    },
    schema: 'pgboss',
    application_name: 'acquit-worker',
  });
}
