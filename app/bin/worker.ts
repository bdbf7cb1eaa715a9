/** The worker process: `npm run worker` (production build) or spawned by `npm run dev`. Stateless; run several. */
import { createBoss } from '~/worker/boss.server';
import { STRIPE_EVENT_CHANNEL } from '~/modules/payments/handle-stripe-event.server';
import { jobs, registerJobs } from '~/worker/jobs.server';
import { closeDb, sqlClient } from '~/utils/db.server';
import { EnvError, env as readEnv } from '~/utils/env.server';
import { ensureMigrated, PendingMigrationsError } from '~/utils/ensure-migrated.server';
import { logger } from '~/utils/logger.server';

const running = new Set<Promise<void>>();

/** A notification handler that runs `run` once at a time, once more if woken while running. */
function wakeUp(run: () => Promise<void>): () => void {
  let current: Promise<void> | null = null;
  let again = false;
  const start = () => {
    current = run()
      .catch((error) => logger().error({ err: error }, 'job run failed'))
      .finally(() => {
        running.delete(current!);
        current = null;
        if (again) {
          again = false;
          start();
        }
      });
    running.add(current);
  };
  return () => {
    if (current) again = true;
    else start();
  };
}

async function main() {
  await ensureMigrated(readEnv());
  const log = logger();
  const boss = createBoss();
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  await registerJobs(boss);

  // Emails and Stripe events queued by the web process wake the worker at once instead of waiting for the next
  // minute. A wake-up during a run makes the run go again when it ends, so nothing waits for the schedule.
  const wakers = [
    { channel: 'acquit_email', job: 'email-deliver' },
    { channel: STRIPE_EVENT_CHANNEL, job: 'stripe-events' },
  ].map(({ channel, job }) => ({ channel, wake: wakeUp(jobs.find((j) => j.name === job)!.run) }));
  const listeners = await Promise.all(wakers.map(({ channel, wake }) => sqlClient().listen(channel, wake)));
  // And whatever was queued while no worker ran goes now.
  for (const { wake } of wakers) wake();
  log.info({ jobs: jobs.map((j) => j.name) }, 'worker started');
  process.send?.({ type: 'ready' });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping: finishing running jobs');
    await Promise.all(listeners.map((l) => l.unlisten().catch(() => {})));
    await boss.stop({ graceful: true, wait: true, timeout: 15_000 }).catch(() => {});
    await Promise.all(running);
    await closeDb();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof EnvError || error instanceof PendingMigrationsError) console.error(error.message);
  else console.error('worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
