/**
 * The reports at scale: 100,000 then 1,000,000 invoices (see reports-data.ts) in scratch databases of the bench's
 * cluster. Times the aging report (first page of the main currency, with every currency's totals: what
 * /admin/reports/aging asks for) and the dashboard's figures, server side (the module calls, queries included),
 * after warm-up, runs interleaved between the sizes; checks the maintained settled amounts against the ledger.
 * Run alone with `npx tsx test/bench/reports.ts [--explain] [--only=1000000]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { migrateDatabase } from '#db/migrate';
import * as schema from '#db/schema/index';
import { localInstant } from '~/modules/dunning/business-calendar';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import { agingLinesSql, agingReport } from '~/modules/reports/aging.server';
import { dashboardFigures } from '~/modules/reports/dashboard.server';
import { formatFigure, type Figure } from './budget';
import { generateReportsData, TODAY } from './reports-data';

const NOW = localInstant(TODAY, 8, 30, 'Europe/Paris');
const WARMUP = 3;
const RUNS = 15;
const PAGE = { limit: 50, offset: 0 };

type Size = Awaited<ReturnType<typeof prepare>>;

export async function benchReports(
  adminUrl: string,
  log: (line: string) => void,
  opts: { explain?: boolean; sizes?: number[] } = {},
) {
  const sizes: Size[] = [];
  try {
    for (const count of opts.sizes ?? [100_000, 1_000_000]) sizes.push(await prepare(adminUrl, count, log));
    if (opts.explain) for (const size of sizes) await printPlans(size, log);
    for (let run = 0; run < WARMUP + RUNS; run++) {
      for (const size of sizes) await measure(size, run >= WARMUP);
    }
  } finally {
    await Promise.all(sizes.map((size) => size.dispose()));
  }
  const figures: Figure[] = [];
  for (const size of sizes) {
    const label = size.count >= 1_000_000 ? `${size.count / 1_000_000}M` : `${size.count / 1000}k`;
    const big = size.count >= 1_000_000;
    log(
      `reports over ${size.count.toLocaleString('en')} invoices (${size.open.toLocaleString('en')} open, ` +
        `${size.lines.toLocaleString('en')} customer lines): generated in ${size.generateSeconds.toFixed(1)} s; ` +
        `aging ${size.aging.map((t) => t.toFixed(0)).join(' / ')} ms; dashboard ${size.dashboard.map((t) => t.toFixed(0)).join(' / ')} ms`,
    );
    figures.push(
      { name: `reports data generation ${label} invoices`, value: round(size.generateSeconds), unit: 's' },
      { name: `aging report ${label} invoices median`, value: round(median(size.aging)), unit: 'ms' },
      {
        name: `aging report ${label} invoices p95`,
        value: round(p95(size.aging)),
        unit: 'ms',
        ...(big ? { budget: { op: '<=' as const, value: 500 } } : {}),
      },
      { name: `dashboard ${label} invoices median`, value: round(median(size.dashboard)), unit: 'ms' },
      {
        name: `dashboard ${label} invoices p95`,
        value: round(p95(size.dashboard)),
        unit: 'ms',
        ...(big ? { budget: { op: '<=' as const, value: 300 } } : {}),
      },
      {
        name: `settled amounts differing from the ledger, ${label} invoices`,
        value: size.mismatches,
        unit: 'invoices',
        budget: { op: '<=', value: 0 },
      },
    );
  }
  const [small, large] = [sizes[0], sizes[sizes.length - 1]];
  if (small && large && small !== large) {
    for (const [name, key] of [
      ['aging report', 'aging'],
      ['dashboard', 'dashboard'],
    ] as const) {
      figures.push({
        name: `${name} scaling ${small.count / 1000}k->${large.count / 1000}k invoices (medians)`,
        value: round(median(large[key]) / median(small[key])),
        unit: 'x',
        budget: { op: '<=', value: 10 },
      });
    }
  }
  return { figures };
}

async function prepare(adminUrl: string, count: number, log: (line: string) => void) {
  const name = `acquit_reports_bench_${count}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.href);
  // The app's pool size, so the dashboard's queries run side by side as they do in production.
  const client = postgres(url.href, { max: 10, onnotice: () => {} });
  log(`generating ${count.toLocaleString('en')} invoices`);
  const started = performance.now();
  const businessId = await generateReportsData(client, count);
  const generateSeconds = (performance.now() - started) / 1000;
  const db = drizzle(client, { schema });
  // The maintained settled amounts against the ledger's own definition, on every open invoice.
  const id = sql`i.id`;
  const [stats] = await db.execute<{ open: number; lines: number; mismatches: number }>(sql`
    SELECT count(*)::int AS open, count(DISTINCT (customer_id, currency))::int AS lines,
      count(*) FILTER (WHERE settled_minor <> ${paidMinorSql(id)} + ${creditedMinorSql(id)})::int AS mismatches
    FROM invoices i WHERE status = 'open'`);
  return {
    count,
    businessId,
    generateSeconds,
    open: stats!.open,
    lines: stats!.lines,
    mismatches: stats!.mismatches,
    db,
    aging: [] as number[],
    dashboard: [] as number[],
    async dispose() {
      await client.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function measure(size: Size, keep: boolean) {
  let started = performance.now();
  const report = await agingReport(size.db, {
    businessId: size.businessId,
    now: NOW,
    currency: 'EUR',
    page: PAGE,
  });
  const aging = performance.now() - started;
  if (report.customers.length !== PAGE.limit)
    throw new Error(`aging: ${report.customers.length} lines on page 1`);
  started = performance.now();
  const dashboard = await dashboardFigures(size.db, { businessId: size.businessId, now: NOW });
  const elapsed = performance.now() - started;
  if (!dashboard.currencies.length) throw new Error('dashboard: no figures');
  if (keep) {
    size.aging.push(aging);
    size.dashboard.push(elapsed);
  }
}

/** EXPLAIN ANALYZE of the aging lines and of the dashboard's heaviest statements. */
async function printPlans(size: Size, log: (line: string) => void) {
  const plans: [string, ReturnType<typeof sql>][] = [
    ['aging lines', agingLinesSql({ businessId: size.businessId, today: TODAY })],
    [
      'sales over 90 days',
      sql`SELECT currency, SUM(total_minor) FROM invoices WHERE business_id = ${size.businessId}::uuid
        AND status IN ('open', 'paid', 'uncollectible') AND issue_date BETWEEN ${TODAY}::date - 89 AND ${TODAY}::date
        GROUP BY currency`,
    ],
    [
      'collections over 6 months',
      sql`SELECT currency, SUM(amount_minor) FROM payments WHERE business_id = ${size.businessId}::uuid
        AND status = 'succeeded' AND succeeded_at >= ${TODAY}::date - 170 GROUP BY currency`,
    ],
  ];
  for (const [name, query] of plans) {
    log(`EXPLAIN ANALYZE, ${name}, ${size.count.toLocaleString('en')} invoices:`);
    const plan = await size.db.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`);
    for (const line of plan) log(`  ${line['QUERY PLAN']}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { startTestCluster } = await import('../setup/test-cluster');
  const log = (line: string) => console.error(`[bench] ${line}`);
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const cluster = await startTestCluster('acquit_bench', log);
  try {
    const { figures } = await benchReports(cluster.adminUrl, log, {
      explain: process.argv.includes('--explain'),
      sizes: only ? only.split(',').map(Number) : undefined,
    });
    for (const f of figures) console.log(formatFigure(f));
  } finally {
    await cluster.stop();
  }
}
