/**
 * `npm run bench:profile -- [debtor|minimal] [requests] [--cpu-only]`: where the web server's CPU goes on one route
 * (BENCH_NODE_ARGS="..." adds node flags to the server, to try V8 settings). Starts the
 * same production server as the bench under --cpu-prof, sends a fixed number of requests (32 connections), then
 * prints the server's CPU milliseconds per request (from the kernel) and the top self-time functions and packages.
 * CPU time per request is far steadier than requests/s on a shared machine, so compare it before and after a change
 * (the profile's own times stretch when other processes compete for the cores; the kernel's figure does not).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startBenchApp } from './setup';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.includes('build/server')) return 'app (build/server)';
  if (url.startsWith('node:')) return url;
  return url ? path.basename(url) : '(native)';
}

function summarise(profile: Profile, requests: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let busy = 0;
  let gc = 0;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, micros] of self) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(garbage collector)') gc += micros;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
    busy += micros;
    if (IDLE.has(frame.functionName)) continue;
    const name = `${frame.functionName || '(anonymous)'} ${where(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byPackage.set(where(frame.url), (byPackage.get(where(frame.url)) ?? 0) + micros);
  }
  const perRequest = (micros: number) => (micros / 1000 / requests).toFixed(3);
  console.log(
    `profiled time per request: ${perRequest(busy)} ms (of which GC ${perRequest(gc)} ms) over ${requests} requests`,
  );
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, v]) => `  ${perRequest(v).padStart(7)} ms  ${((v / busy) * 100).toFixed(1).padStart(5)} %  ${k}`,
      )
      .join('\n');
  console.log(`by package:\n${top(byPackage, 15)}`);
  console.log(`by function:\n${top(byFunction, 30)}`);
}

/** User + system CPU time of a process so far, in milliseconds (Linux /proc). */
function cpuMillis(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function main() {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cpuOnly = process.argv.includes('--cpu-only');
  const target = args[0] ?? 'debtor';
  const requests = Number(args[1] ?? 4000);
  const log = (line: string) => console.error(`[profile] ${line}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'acquit-prof-'));
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const app = await startBenchApp(log, [
    ...extra,
    ...(cpuOnly ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`]),
  ]);
  try {
    const url = target === 'minimal' ? `${app.appUrl}/status` : app.debtorUrl;
    await autocannon({ url, connections: 32, amount: 500 });
    log(`${requests} requests to ${target}`);
    const before = cpuMillis(app.web.pid!);
    const result = await autocannon({ url, connections: 32, amount: requests });
    const used = cpuMillis(app.web.pid!) - before;
    if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
    // The kernel's count of the server's CPU time: unlike the profile's samples, it does not grow when other
    // processes compete for the cores.
    console.log(`server CPU time per request (kernel): ${(used / requests).toFixed(3)} ms`);
  } finally {
    await app.stop();
  }
  if (cpuOnly) return;
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no profile');
  // Includes the warm-up and start-up: run enough requests that they are noise.
  summarise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile, requests + 500);
  log(`profile: ${path.join(dir, file)} (open it in Chrome DevTools for the call tree)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
