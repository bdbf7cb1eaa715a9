import type PgBoss from 'pg-boss';
import { db as appDb, type Db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { sendReminder } from './send-reminder.server';
import { runDunningSweep } from './sweep.server';

export const DUNNING_SWEEP_QUEUE = 'dunning-sweep';
export const DUNNING_SEND_QUEUE = 'dunning-send';
/** Every 15 minutes (pg-boss cron, UTC); each business's window and time zone are applied by the sweep. */
export const DUNNING_SWEEP_CRON = '*/15 * * * *';

/** Reminders per send job: one job per reminder would cost the sweep ~2 s of its budget for 75,000 claims. */
export const REMINDERS_PER_JOB = 25;

type ReminderJob = { reminderIds: string[] };
type Options = { db?: Db; clock?: () => Date };

/**
 * The sweep queue is `singleton`: one sweep active at a time across all workers (the database claims make a second
 * one harmless anyway). A send job carries up to REMINDERS_PER_JOB claimed reminders, sent one by one, each in its
 * own transaction; if any of them throws, the job fails and is retried with backoff, and the retry finds the ones
 * already sent no longer 'claimed' (a no-op). Once retries run out the reminder stays 'claimed' and the next sweep
 * hands it out again, until its grace runs out. Two jobs holding the same reminder are harmless too: sendReminder
 * acts only on a 'claimed' row it holds locked.
 */
export async function createDunningQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(DUNNING_SWEEP_QUEUE, {
    name: DUNNING_SWEEP_QUEUE,
    policy: 'singleton',
    retryLimit: 1,
    retryDelay: 60,
    expireInSeconds: 600,
  });
  await boss.createQueue(DUNNING_SEND_QUEUE, {
    name: DUNNING_SEND_QUEUE,
    policy: 'standard',
    retryLimit: 4,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
  });
}

/** Send jobs of REMINDERS_PER_JOB reminders, inserted 1,000 jobs per statement. */
export async function enqueueReminderSends(boss: PgBoss, reminderIds: string[]): Promise<void> {
  const jobs: PgBoss.JobInsert<ReminderJob>[] = [];
  for (let i = 0; i < reminderIds.length; i += REMINDERS_PER_JOB) {
    jobs.push({
      name: DUNNING_SEND_QUEUE,
      data: { reminderIds: reminderIds.slice(i, i + REMINDERS_PER_JOB) },
    });
  }
  for (let i = 0; i < jobs.length; i += 1000) await boss.insert(jobs.slice(i, i + 1000));
}

/** Sends each job's reminders one by one; a job with a reminder whose send threw is failed (and retried). */
export async function processReminderJobs(
  boss: PgBoss,
  jobs: PgBoss.Job<ReminderJob>[],
  options: Options = {},
): Promise<void> {
  const db = options.db ?? appDb();
  for (const job of jobs) {
    const failed: string[] = [];
    let message = '';
    for (const reminderId of job.data.reminderIds) {
      try {
        await sendReminder(db, { reminderId, now: (options.clock ?? now)() });
      } catch (error) {
        logger().error({ err: error, reminderId }, 'reminder send failed');
        failed.push(reminderId);
        message = error instanceof Error ? error.message : 'failed';
      }
    }
    if (failed.length) await boss.fail(DUNNING_SEND_QUEUE, job.id, { failed, message });
  }
}

/** Registers both queues, the 15-minute schedule and their workers. */
export async function registerDunningJobs(boss: PgBoss, options: Options = {}): Promise<void> {
  const clock = options.clock ?? now;
  await createDunningQueues(boss);
  await boss.schedule(DUNNING_SWEEP_QUEUE, DUNNING_SWEEP_CRON, undefined, {
    singletonKey: DUNNING_SWEEP_QUEUE,
  });
  await boss.work(DUNNING_SWEEP_QUEUE, async () => {
    const result = await runDunningSweep({
      now: clock(),
      db: options.db,
      enqueue: (ids) => enqueueReminderSends(boss, ids),
    });
    if (result.claimed.length || result.requeued.length) {
      logger().info(
        { claimed: result.claimed.length, requeued: result.requeued.length, businesses: result.businesses },
        'dunning sweep',
      );
    }
  });
  await boss.work<ReminderJob>(DUNNING_SEND_QUEUE, { batchSize: 4 }, (jobs) =>
    processReminderJobs(boss, jobs, options),
  );
}

function now(): Date {
  return new Date();
}
