import type { AppLoadContext } from '@remix-run/node';
import { consume, isBlockedInMemory, limits } from '~/utils/rate-limit.server';

/**
 * Account links (invitation, password reset) count failed lookups against the caller's IP like debtor links do:
 * past the limit, 429 until the block expires. Call with the lookup's outcome.
 */
export async function checkTokenLookup(context: AppLoadContext, found: boolean): Promise<void> {
  const limiter = limits.badToken();
  const ip = context.clientIp;
  if (isBlockedInMemory(limiter, ip)) throw new Response(null, { status: 429 });
  if (!found && !(await consume(limiter, ip))) throw new Response(null, { status: 429 });
}
