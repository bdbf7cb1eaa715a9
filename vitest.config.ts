import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const dir = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~\//, replacement: dir('./app/') },
      { find: /^#db\//, replacement: dir('./db/') },
      { find: /^#emails\//, replacement: dir('./emails/') },
    ],
  },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'emails/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'build/**'],
    environment: 'node',
    // Real processes: postgres, argon2, spawned servers. Forks isolate them better than threads.
    pool: 'forks',
    // One database per worker (acquit_test_<VITEST_POOL_ID>), cloned from a migrated template; see test/setup.
    globalSetup: ['test/setup/global-setup.ts'],
    setupFiles: ['test/setup/worker-db.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
