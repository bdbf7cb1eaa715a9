/**
 * Once per `vitest` run: a PostgreSQL server (a fresh embedded cluster, or DATABASE_URL's server when set), a
 * migrated template database that each test worker clones (see worker-db.ts), and the production build that
 * integration tests run (`startApp`). Set ACQUIT_SKIP_BUILD=1 to reuse the existing build.
 */
import { spawn } from 'node:child_process';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '#db/migrate';
import { startTestCluster, type TestCluster } from './test-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL to the test server with the right to create databases. */
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

export const TEMPLATE = 'acquit_template';

const log = (line: string) => console.log(`[test setup] ${line}`);
const since = (start: number) => `${Math.round(performance.now() - start)} ms`;

function build(): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn('npm', ['run', 'build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        log(`production build ready in ${since(start)}`);
        resolve();
      } else reject(new Error(`npm run build failed (exit code ${code}):\n${output}`));
    });
  });
}

async function createTemplate(adminUrl: string): Promise<void> {
  const start = performance.now();
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await sql.unsafe(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE}`;
  await migrateDatabase(url.href);
  log(`template database migrated in ${since(start)}`);
}

export default async function setup(project: TestProject) {
  const building = process.env.ACQUIT_SKIP_BUILD === '1' ? Promise.resolve() : build();
  // Settle the build even if the database fails, so no unhandled rejection hides the real error.
  building.catch(() => {});

  let cluster: TestCluster | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const start = performance.now();
    cluster = await startTestCluster('postgres', (line) => log(line));
    adminUrl = cluster.adminUrl;
    log(`embedded PostgreSQL started in ${since(start)} (data in ${cluster.dataDir})`);
  }
  try {
    await createTemplate(adminUrl);
    await building;
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE);

  return async () => {
    await cluster?.stop();
  };
}
