import type { AppLoadContext } from '@remix-run/node';
import { todayIn } from '~/utils/dates';
import { consume, isBlockedInMemory, limits } from '~/utils/rate-limit.server';
import { loadInvoiceByToken } from './load-invoice-by-token.server';
import { latePenalty } from './penalties';
import { debtorStatus } from './status';
import type { InvoiceView } from './types';

/**
 * The lookup behind every debtor route: one query, and the same 404 for every bad token. Failed lookups count
 * against the caller's IP; past the limit the answer is 429 until the block expires.
 */
export async function requireInvoiceForToken(
  request: Request,
  token: string | undefined,
  context: AppLoadContext,
  opts: { allowDraft?: boolean } = {},
) {
  const limiter = limits.badToken();
  const ip = context.clientIp;
  if (isBlockedInMemory(limiter, ip)) throw new Response(null, { status: 429 });
  const found = await loadInvoiceByToken(token ?? '', { ip, userAgent: request.headers.get('user-agent') });
  if (!found) {
    const allowed = await consume(limiter, ip);
    throw new Response(null, { status: allowed ? 404 : 429 });
  }
  // A draft shows only its acceptance letter (asked for before issuing); everything else 404s as for a bad token.
  if (found.view.status === 'draft' && !opts.allowDraft) throw new Response(null, { status: 404 });
  return { ...found, today: todayIn(found.view.business.timeZone) };
}

/**
 * Where the invoice stands for the debtor today, and the late-payment penalties the law allows (on the undisputed
 * balance) when it is late. Kept server-side: the date arithmetic it needs stays out of the page's bundle.
 */
export function statusAndPenalty(view: InvoiceView, today: string) {
  const status = debtorStatus(view, today);
  const penalty =
    status.kind === 'late'
      ? latePenalty({
          balanceMinor: view.balanceMinor - view.disputedMinor,
          dueDate: view.dueDate,
          asOf: today,
          rateBps: view.penaltyRateBps,
          indemnityMinor: view.recoveryIndemnityMinor,
        })
      : null;
  return { status, penalty };
}
