import { eq, sql } from 'drizzle-orm';
import { MAX_ATTEMPTS } from '~/modules/payments/handle-stripe-event.server';
import { payments } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { startStripeFake, type StripeFake } from '../fakes/stripe/server';
import { startApp, type RunningApp } from '../setup/app-server';
import { createClient, csrfFrom } from '../setup/http';

export const WEBHOOK_SECRET = 'whsec_test_current';
export const PREVIOUS_WEBHOOK_SECRET = 'whsec_test_previous';

/**
 * The production web server and worker wired to a Stripe fake whose webhooks come back to it (paused: tests
 * deliver them). The webhook queues events and the worker applies them: after delivering, `await eventsApplied()`.
 */
export async function startAppWithStripe(
  extraEnv: Record<string, string> = {},
): Promise<{ app: RunningApp; fake: StripeFake }> {
  const fake = await startStripeFake({ requireIdempotencyKeys: true });
  const app = await startApp(
    {
      STRIPE_SECRET_KEY: 'sk_test_acquit',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_acquit',
      STRIPE_API_BASE: fake.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_WEBHOOK_SECRET_PREVIOUS: PREVIOUS_WEBHOOK_SECRET,
      ...extraEnv,
    },
    { worker: true },
  );
  fake.setWebhook({ url: `${app.url}/webhooks/stripe`, secret: WEBHOOK_SECRET });
  fake.pauseDeliveries();
  return { app, fake };
}

/** Clicks "Pay" on the debtor page as a browser would: GET (for the form token), then POST intent=pay. */
export async function payFromPage(appUrl: string, token: string, fields: Record<string, string> = {}) {
  const client = createClient(appUrl);
  const page = await client.get(`/i/${token}`);
  const csrf = csrfFrom(page.body);
  const post = () => client.postForm(`/i/${token}`, { csrf, intent: 'pay', ...fields });
  return { client, csrf, post };
}

export async function paymentRows(invoiceId: string) {
  return db().select().from(payments).where(eq(payments.invoiceId, invoiceId));
}

/** Waits until the worker has applied every queued Stripe event (or gave up on it), up to 15 s. */
export async function eventsApplied(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM stripe_events WHERE processed_at IS NULL AND attempts < ${MAX_ATTEMPTS}`,
    );
    if (!row?.n) return;
    if (Date.now() > deadline) throw new Error(`${row.n} Stripe events still queued after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
