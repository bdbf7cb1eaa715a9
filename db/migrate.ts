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
