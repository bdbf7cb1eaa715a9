import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '#db/schema/index';
import { env } from './env.server';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; query functions take `Db | Tx` first so callers choose the transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

let client: postgres.Sql | undefined;
let database: Db | undefined;

export function sqlClient(): postgres.Sql {
  if (!client) {
    const url = env().DATABASE_URL;
    if (!url)
      throw new Error('DATABASE_URL is not set (npm run dev starts an embedded PostgreSQL and sets it).');
    client = postgres(url, {
      max: env().DATABASE_POOL_SIZE,
      onnotice: () => {},
      connection: { application_name: 'acquit' },
    });
  }
  return client;
}

export function db(): Db {
  database ??= drizzle(sqlClient(), { schema });
  return database;
}

export async function closeDb(): Promise<void> {
  const c = client;
  client = undefined;
  database = undefined;
  await c?.end({ timeout: 5 });
}

const dialect = new PgDialect();

/**
 * Runs a hand-written statement as a named prepared statement (drizzle's `execute` re-plans it every time). For the
 * hot paths only, such as the debtor page's single query.
 */
export async function executePrepared<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return (await sqlClient().unsafe(text, params as never[], { prepare: true })) as unknown as T[];
}
