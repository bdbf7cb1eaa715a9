/**
 * PostgreSQL going away (a restart, a failover, a dropped connection) is not a bug in the request that met it: the
 * server waits for the database to come back and runs the request again, instead of answering 500.
 *
 * Why running it again is safe: a transaction that lost its connection was rolled back by PostgreSQL, so nothing of
 * it happened; and a statement that did commit before the connection dropped is replayed into the rules every state
 * change already follows for double clicks and retries (guarded updates, unique keys, Stripe idempotency keys), so
 * the replay changes nothing twice.
 */

/** postgres.js connection errors, socket errors, and the SQLSTATEs of a server shutting down or starting up. */
const LOST_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
]);

/** True when `error` (or what caused it: drizzle wraps the driver's error) says the database connection was lost. */
export function isConnectionLoss(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (LOST_CODES.has(code) || code.startsWith('08'))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Set by the app's handleError when a loader or action met a lost connection, read by the HTTP server. */
export type OutageFlag = { connectionLost: boolean };

/** How long a request waits, in all, for the database to come back before it is answered 503. */
export const OUTAGE_WAIT_MS = 20_000;

/** Pauses between attempts: quick at first (a restart takes well under a second), then every 2 s. */
export function backoffMs(attempt: number): number {
  return Math.min(2000, 100 * 2 ** attempt);
}

/**
 * Runs `attempt` until it succeeds, fails for another reason, or the wait is over. `lost` tells from a result (not
 * only a thrown error) that the database was unreachable.
 */
export async function retryWhileDatabaseDown<T>(
  attempt: () => Promise<T>,
  lost: (result: T) => boolean,
  opts: { waitMs?: number; gaveUp?: () => boolean } = {},
): Promise<{ result: T; retries: number } | { outage: true; retries: number }> {
  const deadline = Date.now() + (opts.waitMs ?? OUTAGE_WAIT_MS);
  for (let retries = 0; ; retries++) {
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      if (!isConnectionLoss(error)) throw error;
      if (Date.now() >= deadline || opts.gaveUp?.()) return { outage: true, retries };
      await new Promise((r) => setTimeout(r, backoffMs(retries)));
      continue;
    }
    if (!lost(result)) return { result, retries };
    if (Date.now() >= deadline || opts.gaveUp?.()) return { outage: true, retries };
    await new Promise((r) => setTimeout(r, backoffMs(retries)));
  }
}
