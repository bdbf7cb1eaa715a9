/**
 * `npx tsx test/bench/instructions.ts [debtor|minimal] [requests]`: instructions per request of the production web
 * server, counted by valgrind's callgrind. Counts, unlike times, do not move when other processes share the cores,
 * so two builds can be compared on a busy machine. Slow (the server runs ~50x slower under valgrind): a few hundred
 * requests are enough.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startBenchApp } from './setup';

async function main() {
  const target = process.argv[2] ?? 'debtor';
  const requests = Number(process.argv[3] ?? 300);
  const log = (line: string) => console.error(`[instructions] ${line}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'acquit-callgrind-'));
  const app = await startBenchApp(log, [], {
    wrap: [
      'valgrind',
      '--tool=callgrind',
      '--smc-check=all-non-file',
      '--instr-atstart=no',
      `--callgrind-out-file=${dir}/callgrind.out.%p`,
    ],
  });
  try {
    const url = target === 'minimal' ? `${app.appUrl}/status` : app.debtorUrl;
    log('warming up');
    await autocannon({ url, connections: 4, amount: 300, timeout: 120 });
    execFileSync('callgrind_control', ['--instr=on', String(app.web.pid)]);
    log(`${requests} requests to ${target}`);
    const result = await autocannon({ url, connections: 4, amount: requests, timeout: 120 });
    if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
    execFileSync('callgrind_control', ['--dump', String(app.web.pid)]);
    execFileSync('callgrind_control', ['--instr=off', String(app.web.pid)]);
  } finally {
    await app.stop();
  }
  let total = 0;
  // Only the explicit dump (callgrind.out.<pid>.1) covers the measured requests.
  for (const file of readdirSync(dir).filter((f) => /\.\d+\.\d+$/.test(f))) {
    const summary = /^(?:summary|totals): (\d+)/m.exec(readFileSync(path.join(dir, file), 'utf8'));
    if (summary) total += Number(summary[1]);
  }
  console.log(`instructions per request (${target}): ${(total / requests / 1e6).toFixed(2)} M`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
