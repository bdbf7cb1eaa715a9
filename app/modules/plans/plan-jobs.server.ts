import { settleDuePromises } from '~/modules/promises/settle-promises.server';
import { db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripeConfigured } from '~/utils/stripe.server';
import { chargeDueInstallments } from './charge-installments.server';
import { defaultOverduePlans, expireStalePendingPlans } from './end-plan.server';

/**
 * Issue 6's worker jobs (registered in app/worker/jobs.server.ts). Every step claims its rows with guarded updates,
 * so a second worker, a retry or an overlap changes nothing twice.
 */
export const planJobs: { name: string; cron: string; run: () => Promise<void> }[] = [
  {
    // Each part is charged on its date from the business's opening hour (next_attempt_at), checked every 15 min.
    name: 'plan-charges',
    cron: '*/15 * * * *',
    run: async () => {
      const now = new Date();
      if (stripeConfigured()) {
        const run = await chargeDueInstallments(db(), now);
        if (run.checked) logger().info(run, 'installments charged');
      }
      const defaulted = await defaultOverduePlans(db(), now);
      const expired = await expireStalePendingPlans(db(), now);
      if (defaulted.length || expired) logger().info({ defaulted: defaulted.length, expired }, 'plans ended');
    },
  },
  {
    name: 'promise-check',
    cron: '*/15 * * * *',
    run: async () => {
      const counts = await settleDuePromises(db(), new Date());
      if (counts.kept || counts.broken || counts.cancelled) logger().info(counts, 'promises settled');
    },
  },
];
