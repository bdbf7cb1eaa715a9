/** `node build/server/migrate.js`: applies pending migrations to DATABASE_URL (production deploy step). */
import { migrateDatabase } from '#db/migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set.');
  process.exit(1);
}
migrateDatabase(url).then(
  () => console.log('migrations applied'),
  (error) => {
    console.error(`migration failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
