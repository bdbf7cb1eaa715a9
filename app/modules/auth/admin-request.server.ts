import type { AppLoadContext } from '@remix-run/node';
import type { Actor } from '~/modules/audit/record-event.server';
import { requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { pickLocale } from '~/utils/i18n';
import { requireUser, type SessionUser } from '~/utils/session.server';

/**
 * The start of every admin action: a signed-in user (else a redirect to the login page), the form with a valid
 * CSRF token (else 403, before anything is read or written), the actor for the audit trail, and the language.
 */
export async function requireAdminPost(request: Request, context: AppLoadContext) {
  return postFrom(await requireUser(request), request, context);
}

/**
 * The same for what only an owner may change (settings, users, dunning policies): staff get a 403 before the form
 * is even read, so nothing can be written.
 */
export async function requireOwnerPost(request: Request, context: AppLoadContext) {
  return postFrom(await requireUser(request, { role: 'owner' }), request, context);
}

async function postFrom(user: SessionUser, request: Request, context: AppLoadContext) {
  const form = await readForm(request);
  requireCsrf(request, form);
  const actor: Actor = {
    type: 'user',
    id: user.id,
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  };
  return { user, form, actor, locale: pickLocale(request) };
}
