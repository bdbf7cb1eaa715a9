import { db } from '~/utils/db.server';
import { logger } from '~/utils/logger.server';
import { stripeConfigured } from '~/utils/stripe.server';
import { reconcilePendingStatementPayments, refundStatementExcess } from './statement-stripe.server';

/** Statement payments (issue 7): catch up with Stripe, and refund what reached no invoice. */
export const statementJobs: { name: string; cron?: string; run: () => Promise<void> }[] = [
  {
    name: 'statement-payments',
    cron: '* * * * *',
    run: async () => {
      if (!stripeConfigured()) return;
      const checked = await reconcilePendingStatementPayments(db());
      const refunded = await refundStatementExcess(db());
      if (checked || refunded) logger().info({ checked, refunded }, 'statement payments caught up');
    },
  },
];
