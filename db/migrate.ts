import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** Resolved from the working directory, which is the checkout (or the deployed app's root). */
export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/** Applies pending migrations. Safe to run from several processes at once: an advisory lock serialises them. */
export async function migrateDatabase(url: string, folder = migrationsFolder): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`SELECT pg_advisory_lock(727274)`;
    await migrate(drizzle(sql), { migrationsFolder: folder });
    await sql`SELECT pg_advisory_unlock(727274)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * The migrations of `folder` the database has not applied, by tag, oldest first. Drizzle's migrator records each
 * applied migration with its journal timestamp and applies those newer than the last recorded: the same rule here.
 */
export async function pendingMigrations(url: string, folder = migrationsFolder): Promise<string[]> {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [table] = await sql<
      { found: string | null }[]
    >`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS found`;
    let last = 0;
    if (table?.found) {
      const [row] = await sql<
        { last: string | null }[]
      >`SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations`;
      last = Number(row?.last ?? 0);
    }
    return journal.entries.filter((e) => e.when > last).map((e) => e.tag);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
