/**
 * Simulated payments for `npm run dev` without Stripe keys: the in-repo Stripe fake runs in the orchestrator's own
 * process, and the web server and worker are pointed at it. Pages say so in a banner; production refuses this mode.
 */
import { startStripeFake, type StripeFake } from '../../../test/fakes/stripe/server';

const KEYS = {
  STRIPE_SECRET_KEY: 'sk_test_simulated',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_simulated',
  STRIPE_WEBHOOK_SECRET: 'whsec_simulated',
};
/** Long enough to see "processing" on the page, short enough to see it turn into "paid". */
const BANK_DEBIT_SETTLES_MS = 15_000;

export type SimulatedStripe = { fake: StripeFake; env: Record<string, string> };

export async function startSimulatedStripe(
  webhookUrl: string,
  log: (line: string) => void,
): Promise<SimulatedStripe> {
  const fake = await startStripeFake({
    webhook: { url: webhookUrl, secret: KEYS.STRIPE_WEBHOOK_SECRET },
    autoSettleBankDebitsMs: BANK_DEBIT_SETTLES_MS,
    // The web server may still be starting when the first event comes: retry for a while.
    webhookRetryDelaysMs: [200, 1_000, 5_000, 15_000],
    log,
  });
  return { fake, env: { ...KEYS, STRIPE_API_BASE: fake.url } };
}
