import type PgBoss from 'pg-boss';
import { db as appDb, type Db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { sendReminder } from './send-reminder.server';
import { runDunningSweep } from './sweep.server';

export const DUNNING_SWEEP_QUEUE = 'dunning-sweep';
export const DUNNING_SEND_QUEUE = 'dunning-send';
/** Every 15 minutes (pg-boss cron, UTC); each business's window and time zone are applied by the sweep. */
export const DUNNING_SWEEP_CRON = '*/15 * * * *';

type ReminderJob = { reminderId: string };
type Options = { db?: Db; clock?: () => Date };

/**
 * The sweep queue is `singleton` (one sweep active at a time across all workers; the database claims make a second
 * one harmless anyway). The send queue is `short` with the reminder id as singleton key, so a stale claim handed
 * out again while its first job still waits adds no second job; a second job would be harmless too (sendReminder
 * acts only on a 'claimed' row it holds locked). A failed send is retried with backoff; once retries run out the
 * reminder stays 'claimed' and the next sweep hands it out again, until its grace runs out.
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
    policy: 'short',
    retryLimit: 4,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
  });
}

/** One send job per reminder, inserted in batches (one statement per 5,000). */
export async function enqueueReminderSends(boss: PgBoss, reminderIds: string[]): Promise<void> {
  for (let i = 0; i < reminderIds.length; i += 5000) {
    await boss.insert(
      reminderIds.slice(i, i + 5000).map((reminderId) => ({
        name: DUNNING_SEND_QUEUE,
        data: { reminderId } satisfies ReminderJob,
        singletonKey: reminderId,
      })),
    );
  }
}

/**
 * Sends a batch of reminder jobs one by one. A job whose send throws is failed alone (pg-boss retries it); the
 * others complete.
 */
export async function processReminderJobs(
  boss: PgBoss,
  jobs: PgBoss.Job<ReminderJob>[],
  options: Options = {},
): Promise<void> {
  const db = options.db ?? appDb();
  for (const job of jobs) {
    try {
      await sendReminder(db, { reminderId: job.data.reminderId, now: (options.clock ?? now)() });
    } catch (error) {
      logger().error({ err: error, reminderId: job.data.reminderId }, 'reminder send failed');
      await boss.fail(DUNNING_SEND_QUEUE, job.id, {
        message: error instanceof Error ? error.message : 'failed',
      });
    }
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
  await boss.work<ReminderJob>(DUNNING_SEND_QUEUE, { batchSize: 20 }, (jobs) =>
    processReminderJobs(boss, jobs, options),
  );
}

function now(): Date {
  return new Date();
}
