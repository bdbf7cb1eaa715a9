import type { AppLoadContext } from '@remix-run/node';
import { todayIn } from '~/utils/dates';
import { consume, isBlockedInMemory, limits } from '~/utils/rate-limit.server';
import { loadInvoiceByToken } from './load-invoice-by-token.server';

/**
 * The lookup behind every debtor route: one query, and the same 404 for every bad token. Failed lookups count
 * against the caller's IP; past the limit the answer is 429 until the block expires.
 */
export async function requireInvoiceForToken(
  request: Request,
  token: string | undefined,
  context: AppLoadContext,
) {
  const limiter = limits.badToken();
  const ip = context.clientIp;
  if (isBlockedInMemory(limiter, ip)) throw new Response(null, { status: 429 });
  const found = await loadInvoiceByToken(token ?? '', { ip, userAgent: request.headers.get('user-agent') });
  if (!found) {
    const allowed = await consume(limiter, ip);
    throw new Response(null, { status: allowed ? 404 : 429 });
  }
  return { ...found, today: todayIn(found.view.business.timeZone) };
}
