import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimits } from '#db/schema/index';
import { db } from './db.server';

const limiters = new Map<string, RateLimiterDrizzle>();

/**
 * A limiter whose counters live in Postgres, so every web instance shares them. Once a key is over the limit it is
 * also blocked in this process's memory, so a flood costs no further queries.
 */
function limiter(
  name: string,
  points: number,
  durationSeconds: number,
  blockSeconds: number,
): RateLimiterDrizzle {
  let l = limiters.get(name);
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: db(),
      schema: rateLimits,
      keyPrefix: name,
      points,
      duration: durationSeconds,
      blockDuration: blockSeconds,
      inMemoryBlockOnConsumed: points,
      inMemoryBlockDuration: blockSeconds,
      clearExpiredByTimeout: false,
    });
    limiters.set(name, l);
  }
  return l;
}

export const limits = {
  /** Failed token lookups per IP: guessing a 256-bit token is hopeless, and this makes trying expensive. */
  badToken: () => limiter('bad-token', 20, 600, 900),
  /** Failed logins per IP. Per-account lock-out is separate (users.locked_until). */
  login: () => limiter('login', 10, 900, 900),
  /** Password-reset requests per IP, and per address asked for (so one inbox cannot be flooded). */
  passwordReset: () => limiter('password-reset', 5, 900, 900),
  passwordResetEmail: () => limiter('password-reset-email', 3, 3600, 3600),
  /** Form posts on debtor pages per IP. */
  debtorPost: () => limiter('debtor-post', 60, 600, 600),
};

/** Spends one point; false when the key is over its limit. */
export async function consume(l: RateLimiterDrizzle, key: string): Promise<boolean> {
  try {
    await l.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/** Cheap check before the real work: only this process's memory, no query. */
export function isBlockedInMemory(l: RateLimiterDrizzle, key: string): boolean {
  // inMemoryBlockOnConsumed keeps blocked keys in a local store; `getInMemoryBlockMsBeforeExpire` reads it.
  return (
    (l as unknown as { getInMemoryBlockMsBeforeExpire(k: string): number }).getInMemoryBlockMsBeforeExpire(
      l.getKey(key),
    ) > 0
  );
}
