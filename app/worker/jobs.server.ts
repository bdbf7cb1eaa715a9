import { lt, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { rateLimits } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { applyQueuedStripeEvents } from '~/modules/payments/handle-stripe-event.server';
import { reconcilePendingPayments } from '~/modules/payments/sync-payment-intent.server';
import { sendWeeklyDigests } from '~/modules/reports/send-weekly-digests.server';
import { deliverQueuedEmails } from '~/utils/email.server';
import { stripeConfigured } from '~/utils/stripe.server';
import { logger } from '~/utils/logger.server';
import { registerDunningJobs } from '~/modules/dunning/dunning-jobs.server';
import { planJobs } from '~/modules/plans/plan-jobs.server';
import { statementJobs } from '~/modules/statements/statement-jobs.server';

/** Every job the worker runs: name, schedule (cron, in UTC) and handler. Later issues add theirs here. */
export const jobs: { name: string; cron?: string; run: () => Promise<void> }[] = [
  {
    name: 'email-deliver',
    cron: '* * * * *',
    run: async () => {
      const sent = await deliverQueuedEmails(db(), 50);
      if (sent) logger().info({ sent }, 'emails delivered');
    },
  },
  {
    // Woken at once by the webhook (LISTEN, see app/bin/worker.ts); the schedule retries what failed.
    name: 'stripe-events',
    cron: '* * * * *',
    run: async () => {
      const applied = await applyQueuedStripeEvents(db());
      if (applied) logger().debug({ applied }, 'stripe events applied');
    },
  },
  {
    name: 'payments-catch-up',
    cron: '*/10 * * * *',
    run: async () => {
      if (!stripeConfigured()) return;
      const { checked, results } = await reconcilePendingPayments(db());
      if (checked) logger().info({ checked, results }, 'payments caught up with Stripe');
    },
  },
  {
    name: 'rate-limits-cleanup',
    cron: '17 * * * *',
    run: async () => {
      await db()
        .delete(rateLimits)
        .where(lt(rateLimits.expire, sql`now() - interval '1 hour'`));
    },
  },

  // Weekly digest: hourly, so each business gets it on its own Monday morning (07:00 local or the first run after).
  {
    name: 'weekly-digest',
    cron: '7 * * * *',
    run: async () => {
      const run = await sendWeeklyDigests(db());
      if (run.queued || run.failed) logger().info(run, 'weekly digests');
    },
  },
  // Installment charges, plan defaults and promise checks (issue 6).
  ...planJobs,
  ...statementJobs,
];

export async function registerJobs(boss: PgBoss): Promise<void> {
  for (const job of jobs) {
    await boss.createQueue(job.name, {
      name: job.name,
      policy: 'singleton',
      retryLimit: 3,
      retryDelay: 30,
      expireInSeconds: 300,
    });
    if (job.cron) await boss.schedule(job.name, job.cron, undefined, { singletonKey: job.name });
    await boss.work(job.name, async () => {
      await job.run();
    });
  }
  // Dunning (issue 4): the reminder sweep every 15 minutes and the sends it enqueues. Queues, retry policies and
  // handlers: app/modules/dunning/dunning-jobs.server.ts.
  await registerDunningJobs(boss);
}
