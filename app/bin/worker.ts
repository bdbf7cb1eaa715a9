/** The worker process: `npm run worker` (production build) or spawned by `npm run dev`. Stateless; run several. */
import { createBoss } from '~/worker/boss.server';
import { jobs, registerJobs } from '~/worker/jobs.server';
import { closeDb, sqlClient } from '~/utils/db.server';
import { EnvError, env as readEnv } from '~/utils/env.server';
import { logger } from '~/utils/logger.server';

async function main() {
  readEnv();
  const log = logger();
  const boss = createBoss();
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  await registerJobs(boss);

  // Emails queued by the web process wake the worker at once instead of waiting for the next minute.
  const deliver = jobs.find((j) => j.name === 'email-deliver')!;
  let running: Promise<void> | null = null;
  const listener = await sqlClient().listen('acquit_email', () => {
    running ??= deliver
      .run()
      .catch((error) => log.error({ err: error }, 'email delivery failed'))
      .finally(() => (running = null));
  });
  log.info({ jobs: jobs.map((j) => j.name) }, 'worker started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'worker stopping: finishing running jobs');
    await listener.unlisten().catch(() => {});
    await boss.stop({ graceful: true, wait: true, timeout: 15_000 }).catch(() => {});
    await running;
    await closeDb();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error('worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
