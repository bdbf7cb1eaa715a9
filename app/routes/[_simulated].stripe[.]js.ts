import { simulatedStripeJs } from '~/utils/simulated-stripe.server';

/** The Stripe.js double for `npm run dev` without Stripe keys; 404 everywhere else (see simulated-stripe.server.ts). */
export async function loader() {
  const script = await simulatedStripeJs();
  if (script === null) throw new Response('Not found', { status: 404 });
  return new Response(script, {
    headers: { 'Content-Type': 'application/javascript; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
