import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { clearSessionCookie, getUser, revokeSession } from '~/utils/session.server';

/** A GET never logs anyone out (a link or an image could trigger it): it only leads back to the admin area. */
export function loader() {
  throw redirect('/admin/invoices');
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  requireCsrf(request, form);
  const user = await getUser(request);
  if (user) await revokeSession(user.sessionId);
  const lang = new URL(request.url).searchParams.get('lang');
  return redirect(lang === 'en' || lang === 'fr' ? `/admin/login?lang=${lang}` : '/admin/login', {
    headers: { 'Set-Cookie': clearSessionCookie() },
  });
}
