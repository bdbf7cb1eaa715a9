/**
 * The dunning sweep at scale: 10,000 then 100,000 open invoices (in scratch databases of the bench's cluster),
 * each with one step due within its grace, a quarter of them excluded by a skip rule or already reminded. Times
 * `runDunningSweep` (select + claim + enqueue into pg-boss) and checks each due step was claimed, and enqueued,
 * exactly once. Run alone with `npx tsx test/bench/sweep.ts [--explain]`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { migrateDatabase } from '#db/migrate';
import * as schema from '#db/schema/index';
import { localInstant } from '~/modules/dunning/business-calendar';
import { DEFAULT_LADDER } from '~/modules/dunning/default-ladder';
import {
  createDunningQueues,
  DUNNING_SEND_QUEUE,
  enqueueReminderSends,
} from '~/modules/dunning/dunning-jobs.server';
import {
  claimDueStepsSql,
  claimScopeSql,
  runDunningSweep,
  type ClaimScope,
} from '~/modules/dunning/sweep.server';
import { formatFigure, type Figure } from './budget';

export const TODAY = '2026-06-16'; // a Tuesday
export const NOW = localInstant(TODAY, 10, 0, 'Europe/Paris');
/** g % 20 below this is excluded: 0 promised, 1 on a plan, 2 debit processing, 3 fully disputed, 4 already sent. */
const EXCLUDED_BELOW = 5;
const CHRONIC = [-7, -1, 1, 4, 8, 15, 30, 45];

const RUNS = 7;

export async function benchSweep(adminUrl: string, log: (line: string) => void, explain = false) {
  const small = await prepare(adminUrl, 10_000);
  const large = await prepare(adminUrl, 100_000);
  try {
    if (explain) for (const size of [small, large]) await printPlan(size.db, log);
    // Interleaved, so that whatever else the shared machine does weighs on both sizes alike; medians are kept.
    for (let run = 0; run < RUNS; run++) {
      for (const size of [small, large]) await measure(size, run > 0);
    }
  } finally {
    await Promise.all([small, large].map((size) => size.dispose()));
  }
  const problems = [...small.problems, ...large.problems];
  for (const size of [small, large]) {
    log(
      `sweep over ${size.count.toLocaleString('en')} open invoices: ${size.expected} steps claimed and enqueued ` +
        `per run, ${size.times.map((t) => t.toFixed(2)).join(' / ')} s`,
    );
  }
  const figures: Figure[] = [
    { name: 'dunning sweep 10k invoices', value: round(median(small.times)), unit: 's' },
    {
      name: 'dunning sweep 100k invoices',
      value: round(median(large.times)),
      unit: 's',
      budget: { op: '<=', value: 10 },
    },
    { name: 'dunning sweep 100k invoices, nothing new due', value: round(median(large.idle)), unit: 's' },
    {
      name: 'dunning sweep scaling 10k->100k',
      value: round(median(large.times) / median(small.times)),
      unit: 'x',
      budget: { op: '<=', value: 10 },
    },
    {
      name: `dunning sweep steps not claimed and enqueued exactly once (${RUNS} x ${small.expected + large.expected} due)`,
      value: problems.length,
      unit: 'errors',
      budget: { op: '<=', value: 0 },
    },
  ];
  for (const p of problems) log(`sweep check failed: ${p}`);
  return { figures };
}

type Size = Awaited<ReturnType<typeof prepare>>;

/** A scratch database with `count` open invoices and pg-boss installed. */
export async function prepare(adminUrl: string, count: number) {
  const name = `acquit_sweep_bench_${count}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.href);
  const client = postgres(url.href, { max: 4, onnotice: () => {} });
  const boss = new PgBoss({
    connectionString: url.href,
    schema: 'pgboss',
    max: 4,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => {}); // dropping the scratch database ends its connections
  await generate(client, count);
  await boss.start();
  await createDunningQueues(boss);
  return {
    count,
    client,
    boss,
    db: drizzle(client, { schema }),
    expected: Array.from({ length: count }, (_, i) => (i + 1) % 20).filter((r) => r >= EXCLUDED_BELOW).length,
    times: [] as number[],
    /** The sweep right after, with nothing new due: what every other sweep of the day costs. */
    idle: [] as number[],
    problems: [] as string[],
    async dispose() {
      await boss.stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => {});
      await client.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/**
 * One timed sweep (select + claim + enqueue) from the generated state (a previous run's claims and jobs deleted
 * first), then its checks, and a second sweep that must find nothing.
 */
async function measure(size: Size, reset: boolean) {
  const { client, db, boss, count, expected } = size;
  if (reset) {
    await client`DELETE FROM reminders WHERE status = 'claimed'`;
    await client`DELETE FROM pgboss.job WHERE name = ${DUNNING_SEND_QUEUE}`;
    // What autovacuum would do between two sweeps: the previous run's claims and jobs leave dead rows behind.
    await client`VACUUM ANALYZE reminders, pgboss.job`;
  }
  // Both sizes start from the same quiet state: no dirty pages left for a checkpoint to write during the timed run.
  await client`CHECKPOINT`;
  const started = performance.now();
  const result = await runDunningSweep({ now: NOW, db, enqueue: (ids) => enqueueReminderSends(boss, ids) });
  size.times.push((performance.now() - started) / 1000);
  size.problems.push(...(await check(client, result.claimed, expected, count)));
  const rerun = performance.now();
  const again = await runDunningSweep({ now: new Date(NOW.getTime() + 60_000), db });
  size.idle.push((performance.now() - rerun) / 1000);
  if (again.claimed.length || again.requeued.length) {
    size.problems.push(
      `${count}: a second sweep claimed ${again.claimed.length}, requeued ${again.requeued.length}`,
    );
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * One business, 1,000 customers (every tenth on a tighter policy), `count` open invoices. Invoice g's due date puts
 * one rung of its customer's ladder 0 to 3 days behind today, so each has exactly one step due within the grace.
 */
async function generate(pg: postgres.Sql, count: number) {
  const [biz] = await pg<{ id: string }[]>`
    INSERT INTO business (name, address_line1, postal_code, city, country, email, time_zone)
    VALUES ('Bench SARL', '1 rue du Banc', '69002', 'Lyon', 'FR', 'bench@example.test', 'Europe/Paris')
    RETURNING id`;
  const businessId = biz!.id;
  const policy = async (isDefault: boolean, offsets: number[]) => {
    const [row] = await pg<{ id: string }[]>`INSERT INTO dunning_policies (business_id, name, is_default)
      VALUES (${businessId}, ${isDefault ? 'Standard' : 'Chronic'}, ${isDefault}) RETURNING id`;
    for (const offset of offsets) {
      const text = DEFAULT_LADDER.find((s) => s.offsetDays === offset) ?? DEFAULT_LADDER[2]!;
      await pg`INSERT INTO dunning_steps (policy_id, offset_days, channel, tone, subject_fr, body_fr, subject_en, body_en)
        VALUES (${row!.id}, ${offset}, ${text.channel}, ${text.tone}, ${text.subjectFr}, ${text.bodyFr},
          ${text.subjectEn}, ${text.bodyEn})`;
    }
    return row!.id;
  };
  const defaultOffsets = DEFAULT_LADDER.map((s) => s.offsetDays);
  await policy(true, defaultOffsets);
  const chronicId = await policy(false, CHRONIC);
  await pg`INSERT INTO customers (business_id, name, dunning_policy_id)
    SELECT ${businessId}, 'Client ' || c, CASE WHEN c % 10 = 0 THEN ${chronicId}::uuid END
    FROM generate_series(1, 1000) c`;
  await pg`
    WITH c AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n, dunning_policy_id IS NOT NULL AS chronic
      FROM customers),
    g AS (SELECT g, c.id AS customer_id,
        CASE WHEN c.chronic THEN (${CHRONIC}::int[])[1 + g % ${CHRONIC.length}]
          ELSE (${defaultOffsets}::int[])[1 + g % ${defaultOffsets.length}] END + (g / 20) % 4 AS days_late
      FROM generate_series(1, ${count}) g JOIN c ON c.n = g % 1000)
    INSERT INTO invoices (business_id, customer_id, status, number, number_year, number_seq, currency, issue_date,
      terms_days, due_date, subtotal_minor, tax_minor, total_minor, recovery_indemnity_minor, issued_at)
    SELECT ${businessId}, customer_id, 'open', 'S-' || g, 2026, g, 'EUR',
      ${TODAY}::date - days_late - 30, 30, ${TODAY}::date - days_late, 100000, 20000, 120000, 4000, now()
    FROM g`;
  const excluded = (r: number) => pg`SELECT id, business_id, customer_id FROM invoices
    WHERE number_seq % 20 = ${r}`;
  await pg`INSERT INTO promises (invoice_id, promised_date, source)
    SELECT id, ${TODAY}::date + 10, 'debtor' FROM (${excluded(0)}) i`;
  await pg`INSERT INTO payment_plans (invoice_id, status, offer, total_minor)
    SELECT id, 'pending', '{}', 120000 FROM (${excluded(1)}) i`;
  await pg`INSERT INTO payments (business_id, customer_id, invoice_id, currency, amount_minor, status, method)
    SELECT business_id, customer_id, id, 'EUR', 120000, 'processing', 'sepa_debit' FROM (${excluded(2)}) i`;
  await pg`INSERT INTO disputes (invoice_id, reason, amount_minor, scope)
    SELECT id, 'other', 120000, 'invoice' FROM (${excluded(3)}) i`;
  // Already reminded by an earlier sweep: the steady state, where most due steps are done.
  await pg`INSERT INTO reminders (invoice_id, step_id, status, scheduled_on, sent_at)
    SELECT i.id, s.id, 'sent', s.scheduled_on, now()
    FROM invoices i JOIN customers c ON c.id = i.customer_id
    CROSS JOIN LATERAL (SELECT st.id, i.due_date + st.offset_days AS scheduled_on FROM dunning_steps st
      WHERE st.policy_id = COALESCE(c.dunning_policy_id,
        (SELECT id FROM dunning_policies WHERE is_default)) AND st.offset_days <= ${TODAY}::date - i.due_date
      ORDER BY st.offset_days DESC LIMIT 1) s
    WHERE i.number_seq % 20 = 4`;
  // Partly paid invoices are still reminded (for what is left).
  await pg`INSERT INTO payments (business_id, customer_id, invoice_id, currency, amount_minor, status, method, succeeded_at)
    SELECT business_id, customer_id, id, 'EUR', 40000, 'succeeded', 'bank_transfer', now() FROM (${excluded(5)}) i`;
  await pg`ANALYZE`;
}

async function check(
  pg: postgres.Sql,
  claimed: string[],
  expected: number,
  count: number,
): Promise<string[]> {
  const problems: string[] = [];
  if (claimed.length !== expected) problems.push(`${count}: ${claimed.length} claimed, ${expected} expected`);
  const claims = await pg<{ id: string; invoice_id: string; excluded: boolean }[]>`
    SELECT r.id, r.invoice_id, i.number_seq % 20 < ${EXCLUDED_BELOW} AS excluded
    FROM reminders r JOIN invoices i ON i.id = r.invoice_id WHERE r.status = 'claimed'`;
  const jobs = await pg<{ key: string }[]>`SELECT jsonb_array_elements_text(data->'reminderIds') AS key
    FROM pgboss.job WHERE name = ${DUNNING_SEND_QUEUE}`;
  const invoices = new Set(claims.map((c) => c.invoice_id));
  if (claims.length !== expected || invoices.size !== expected) {
    problems.push(`${count}: ${claims.length} claims on ${invoices.size} invoices, ${expected} expected`);
  }
  const excluded = claims.filter((c) => c.excluded).length;
  if (excluded) problems.push(`${count}: ${excluded} claims for excluded invoices`);
  const ids = new Set(claims.map((c) => c.id));
  const keys = new Set(jobs.map((j) => j.key));
  const returned = new Set(claimed);
  if (
    jobs.length !== expected ||
    keys.size !== expected ||
    [...ids].some((id) => !keys.has(id) || !returned.has(id))
  ) {
    problems.push(
      `${count}: send jobs hold ${jobs.length} reminders (${keys.size} distinct), ${expected} expected once each`,
    );
  }
  return problems;
}

/** EXPLAIN ANALYZE of the claim statement on the data about to be swept, rolled back. */
async function printPlan(db: ReturnType<typeof drizzle<typeof schema>>, log: (line: string) => void) {
  const [biz] = await db.execute<{ id: string }>(sql`SELECT id FROM business`);
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
      const [scope] = await tx.execute<ClaimScope>(claimScopeSql({ id: biz!.id, today: TODAY, grace: 3 }));
      const claim = claimDueStepsSql(scope!, NOW);
      const plan = await tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${claim}`);
      for (const line of plan) log(`  ${line['QUERY PLAN']}`);
      tx.rollback();
    })
    .catch(() => {});
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { startTestCluster } = await import('../setup/test-cluster');
  const log = (line: string) => console.error(`[bench] ${line}`);
  const cluster = await startTestCluster('acquit_bench', log);
  try {
    const { figures } = await benchSweep(cluster.adminUrl, log, process.argv.includes('--explain'));
    for (const f of figures) console.log(formatFigure(f));
  } finally {
    await cluster.stop();
  }
}
