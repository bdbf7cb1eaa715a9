import type { LoaderFunctionArgs } from '@remix-run/node';
import { getOutboxEmail } from '~/modules/email/list-outbox.server';
import { ACCOUNT_TEMPLATES } from '~/modules/users/account-emails.server';
import { db } from '~/utils/db.server';
import { requireUser } from '~/utils/session.server';

/**
 * The stored HTML of one email, for the sandboxed preview frame. The HTML came from our templates but carries
 * what customers and users typed, so it gets its own policy: no scripts, no requests but images, framed only by
 * our own pages, and sandboxed even when opened directly.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const email = await getOutboxEmail(db(), user.businessId, params.id ?? '');
  // Invitation and reset emails carry a live account link: staff must not be able to read another user's.
  if (!email || (ACCOUNT_TEMPLATES.includes(email.template) && user.role !== 'owner')) {
    throw new Response('Not found', { status: 404 });
  }
  return new Response(email.html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy':
        "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-store',
    },
  });
}
