import type { AppLoadContext } from '@remix-run/node';
import type { Actor } from '~/modules/audit/record-event.server';
import { requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { pickLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/**
 * The start of every admin action: a signed-in user (else a redirect to the login page), the form with a valid
 * CSRF token (else 403, before anything is read or written), the actor for the audit trail, and the language.
 */
export async function requireAdminPost(request: Request, context: AppLoadContext) {
  const user = await requireUser(request);
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
