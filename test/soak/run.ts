/**
 * `npm run soak [-- --seconds 60]`: the production build, its worker and a real PostgreSQL under mixed load
 * (debtor pages, payments by card and bank debit through the Stripe fake, webhook storms with duplicates and
 * reordering, reminder sweeps, installment charges) while the harness SIGKILLs the worker and restarts PostgreSQL
 * at random moments. Then it lets everything settle, checks the invariants against Stripe's record and the
 * requests' answers, greps the logs for secrets, prints the figures and exits non-zero if anything broke.
 * Loopback only; bounded by --seconds (plus about a minute of set-up and settling).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import PgBoss from 'pg-boss';
import { migrateDatabase } from '#db/migrate';
import { startStripeFake } from '../fakes/stripe/server';
import { freePort } from '../setup/ports';
import { checkInvariants } from './invariants';
import {
  newTally,
  pay,
  payStatements,
  refundAndDispute,
  stormWebhooks,
  triggerJobs,
  viewPages,
} from './load';
import { startSoakPostgres } from './postgres';
import { startAppProcesses } from './processes';

const WEBHOOK_SECRET = 'whsec_soak';
const SESSION_SECRET = 'soak-session-secret-0123456789abcdef0123';
const STRIPE_KEY = 'sk_test_soak';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 60;
const log = (line: string) => console.error(`[soak] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const pg = await startSoakPostgres(log);
  const fake = await startStripeFake({ webhookRetryDelaysMs: [200, 1000, 3000] });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_URL: appUrl,
    DATABASE_URL: pg.url,
    SESSION_SECRET,
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_soak',
    STRIPE_API_BASE: fake.url,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    LOG_LEVEL: 'info',
  };
  Object.assign(process.env, {
    DATABASE_URL: pg.url,
    APP_URL: appUrl,
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_API_BASE: fake.url,
  });
  await migrateDatabase(pg.url);
  const { buildWorld } = await import('./world');
  const { closeDb } = await import('~/utils/db.server');
  const world = await buildWorld(fake, { payable: 60, reminded: 40, plans: 6, statements: 8 });
  await closeDb();
  log(
    `world: ${world.payable.length} invoices to pay, ${world.reminded.length} with a reminder due, ${world.planIds.length} plans; ` +
      (world.timeZone
        ? `reminders in ${world.timeZone} (${world.today})`
        : 'no time zone is on a weekday now: reminders not exercised'),
  );

  const apps = await startAppProcesses(env);
  fake.setWebhook({ url: `${appUrl}/webhooks/stripe`, secret: WEBHOOK_SECRET });
  const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  const boss = new PgBoss({ connectionString: pg.url, schema: 'pgboss', max: 2 });
  boss.on('error', () => {}); // PostgreSQL restarts under it; sends are retried by the loop
  await boss.start();

  const tally = newTally();
  const faults = {
    orphanedJobs: 0,
    workerKills: 0,
    postgresRestarts: 0,
    crashRestarts: 0,
    outageMs: [] as number[],
  };
  const deadline = Date.now() + seconds * 1000;
  const until = () => Date.now() > deadline;
  const lookupIntent = async (invoiceId: string) => {
    for (let i = 0; i < 50; i++) {
      const [row] = await sql<{ pi: string }[]>`SELECT stripe_payment_intent_id AS pi FROM payments
        WHERE invoice_id = ${invoiceId} AND stripe_payment_intent_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`.catch(
        () => [],
      );
      if (row) return row.pi;
      await sleep(100);
    }
    return null;
  };
  const lookupStatementIntent = async (customerId: string) => {
    for (let i = 0; i < 50; i++) {
      const [row] = await sql<{ pi: string }[]>`SELECT stripe_payment_intent_id AS pi FROM statement_payments
        WHERE customer_id = ${customerId} AND stripe_payment_intent_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`.catch(
        () => [],
      );
      if (row) return row.pi;
      await sleep(100);
    }
    return null;
  };
  const ctx = { appUrl, fake, world, tally, until };
  const toPay = [...world.payable, ...world.reminded.filter((_, i) => i % 4 === 0)].sort(
    () => Math.random() - 0.5,
  );

  log(`load for ${seconds} s, with faults`);
  const chaos = (async () => {
    let nextRestart = Date.now() + 8000 + Math.random() * 6000;
    while (!until()) {
      await sleep(3000 + Math.random() * 5000);
      if (until()) break;
      if (Date.now() > nextRestart) {
        const mode = Math.random() < 0.5 ? 'fast' : 'immediate';
        const ms = await pg.restart(mode);
        faults.postgresRestarts++;
        if (mode === 'immediate') faults.crashRestarts++;
        faults.outageMs.push(ms);
        log(`postgres restarted (${mode}, down ${Math.round(ms)} ms)`);
        nextRestart = Date.now() + 10000 + Math.random() * 10000;
      } else {
        await apps.killWorker();
        faults.workerKills++;
        await sleep(300 + Math.random() * 1200);
        await apps.startWorker();
        faults.orphanedJobs += await failOrphans(sql, boss, apps.lastKillAt).catch(() => 0);
      }
    }
  })();
  await Promise.all([
    chaos,
    viewPages(ctx),
    viewPages(ctx),
    viewPages(ctx),
    pay(ctx, toPay, lookupIntent),
    pay(ctx, toPay, lookupIntent),
    payStatements(ctx, [...world.statements], lookupStatementIntent),
    stormWebhooks(ctx),
    refundAndDispute(ctx),
    triggerJobs(ctx, boss, [
      'dunning-sweep',
      'plan-charges',
      'payments-catch-up',
      'stripe-events',
      'email-deliver',
    ]),
  ]);

  log('load over: settling');
  // As Stripe does for days, redeliver every event once more: deliveries refused while PostgreSQL was down.
  await fake.flushDeliveries();
  await fake.deliver(
    fake.events.map((e) => e.id),
    { concurrently: false },
  );
  faults.orphanedJobs += await failOrphans(sql, boss, apps.lastKillAt);
  log(`jobs orphaned by killed workers, failed for retry as their expiry would: ${faults.orphanedJobs}`);
  let fastForwarded = 0;
  for (let round = 0; round < 3; round++) {
    // A reminder claimed by a worker that was then SIGKILLed stays claimed until the sweep finds it stale, 5 minutes
    // later (STALE_CLAIM_MINUTES). Rather than wait, move such claims 6 minutes into the past: the next sweep hands
    // them out again, exactly as it would have once the time had passed.
    const aged = await sql`UPDATE reminders SET claimed_at = claimed_at - interval '6 minutes'
      WHERE status = 'claimed' AND claimed_at BETWEEN now() - interval '5 minutes' AND now() - interval '3 seconds'`;
    fastForwarded += aged.count;
    for (const name of [
      'payments-catch-up',
      'stripe-events',
      'plan-charges',
      'dunning-sweep',
      'email-deliver',
    ]) {
      await boss.send(name, {});
    }
    await settle(sql);
    await fake.flushDeliveries();
  }
  log(`reminder claims left by killed workers, fast-forwarded to stale: ${fastForwarded}`);
  const invariants = await checkInvariants(sql, fake, { reminders: world.timeZone !== null });

  const logs = apps.logs();
  mkdirSync('test/.tmp', { recursive: true });
  writeFileSync('test/.tmp/soak.log', logs);
  const secrets = [
    SESSION_SECRET,
    STRIPE_KEY,
    WEBHOOK_SECRET,
    ...[...world.payable, ...world.reminded].map((i) => i.token),
    ...world.statements.map((s) => s.token),
  ];
  const leaked = secrets.filter((s) => logs.includes(s)).length;

  await boss.stop({ graceful: false, wait: true }).catch(() => {});
  await sql.end({ timeout: 5 });
  await apps.stop();
  await fake.stop();
  await pg.stop();

  const served = [...tally.requests.values()].reduce((a, b) => a + b, 0);
  console.log(`requests served: ${served} (${[...tally.requests].map(([k, v]) => `${k} ${v}`).join(', ')})`);
  console.log(`requests failed (5xx or no answer): ${tally.failures.length}`);
  for (const f of tally.failures.slice(0, 20)) console.log(`  ${f.kind}: ${f.status}`);
  console.log(
    `payments: ${tally.payments.started} opened, ${tally.payments.confirmed} by card, ${tally.payments.declined} declined, ${tally.payments.debits} bank debits, ${tally.payments.statements} statements paying several invoices at once`,
  );
  console.log(
    `refunds ${tally.refunds}, lost chargebacks ${tally.chargebacks} (made at Stripe, learnt by webhook)`,
  );
  console.log(
    `webhook storms: ${tally.storms.batches} batches, ${tally.storms.deliveries} redeliveries; jobs triggered: ${tally.jobsTriggered}`,
  );
  console.log(
    `faults injected: ${faults.workerKills} worker SIGKILLs, ${faults.postgresRestarts} PostgreSQL restarts (${faults.crashRestarts} as crashes, down ${faults.outageMs.map((m) => Math.round(m)).join('/')} ms)`,
  );
  let broken = tally.failures.length + leaked;
  for (const inv of invariants) {
    console.log(
      `invariant: ${inv.name}: ${inv.checked} checked, ${inv.broken.length ? `BROKEN ${inv.broken.length}` : 'holds'}`,
    );
    for (const b of inv.broken.slice(0, 10)) console.log(`  ${b}`);
    broken += inv.broken.length;
  }
  console.log(`secrets or tokens in ${Math.round(logs.length / 1024)} KB of logs: ${leaked}`);
  console.log(broken ? `soak FAILED: ${broken} problems` : 'soak passed');
  return broken ? 1 : 0;
}

/**
 * Jobs a SIGKILLed worker had started stay `active` until pg-boss expires them (expireInSeconds: 5 minutes), and on
 * singleton queues (plan charges, Stripe events) nothing else starts meanwhile. Fail them at once, as the expiry
 * would later: pg-boss retries them, and the handlers' claims make the retry change nothing twice.
 */
async function failOrphans(sql: postgres.Sql, boss: PgBoss, killedAt: Date | null): Promise<number> {
  if (!killedAt) return 0;
  const orphans = await sql<{ id: string; name: string }[]>`SELECT id, name FROM pgboss.job
    WHERE state = 'active' AND started_on < ${killedAt}`;
  for (const job of orphans)
    await boss.fail(job.name, job.id, { reason: 'worker killed (soak)' }).catch(() => {});
  return orphans.length;
}

/**
 * Waits until no Stripe event, reminder claim or job is left to do (or 30 s). Not waited for: jobs still `active`,
 * and the jobs queued behind them on singleton queues. A SIGKILLed worker's jobs stay active until pg-boss expires
 * them (5 minutes, expireInSeconds) and block their queue until then; the work itself is recovered by other paths
 * (the webhook's wake-up applies Stripe events at once, the sweep re-hands stale claims), which the invariants check.
 */
async function settle(sql: postgres.Sql) {
  const deadline = Date.now() + 30_000;
  let busy: Record<string, number> | undefined;
  while (Date.now() < deadline) {
    [busy] = await sql<Record<string, number>[]>`SELECT
      (SELECT count(*) FROM stripe_events WHERE processed_at IS NULL AND attempts < 8)::int AS events,
      (SELECT count(*) FROM reminders WHERE status = 'claimed')::int AS claims,
      (SELECT count(*) FROM pgboss.job j WHERE j.state IN ('created', 'retry') AND j.start_after <= now()
        AND NOT EXISTS (SELECT 1 FROM pgboss.job a WHERE a.name = j.name AND a.state = 'active'))::int AS jobs`;
    if (!Object.values(busy!).some(Boolean)) return;
    await sleep(250);
  }
  const jobs = await sql`SELECT name, state, count(*)::int AS n FROM pgboss.job
    WHERE state IN ('created', 'retry', 'active') GROUP BY 1, 2 ORDER BY 1, 2`;
  log(
    `still busy after 30 s of settling: ${JSON.stringify(busy)} ${jobs.map((j) => `${j.name}/${j.state}: ${j.n}`).join(', ')}`,
  );
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
