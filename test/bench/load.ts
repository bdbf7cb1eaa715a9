import autocannon from 'autocannon';

export type LoadResult = { rps: number; p99: number; errors: number; non2xx: number };

/** Loads one URL with autocannon (32 connections by default) after a short warm-up. */
export async function load(
  url: string,
  opts: { seconds?: number; connections?: number } = {},
): Promise<LoadResult> {
  const connections = opts.connections ?? 32;
  await autocannon({ url, connections, duration: 2 });
  const result = await autocannon({ url, connections, duration: opts.seconds ?? 8 });
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
