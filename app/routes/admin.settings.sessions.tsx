import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, secondaryButton, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput } from '~/components/forms/field';
import { adminSettings } from '~/i18n/admin-settings';
import { adminUsers } from '~/i18n/admin-users';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { describeDevice, listSessions } from '~/modules/users/list-sessions.server';
import { revokeOwnSession, revokeUserSessions } from '~/modules/users/revoke-sessions.server';
import { db } from '~/utils/db.server';
import { formatDateTime, translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminUsers], 'sessions.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { timeZone } = await businessBasics(db(), user.businessId);
  const sessions = (await listSessions(db(), user.id)).map((s) => ({
    ...s,
    device: describeDevice(s.userAgent),
    current: s.id === user.sessionId,
  }));
  return { sessions, timeZone };
}

/** Every user manages their own sessions; an owner ends someone else's from the users page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const t = translator(locale, adminUsers);
  if (form.get('intent') === 'revoke-others') {
    const count = await revokeUserSessions(db(), {
      businessId: user.businessId,
      userId: user.id,
      actor,
      except: user.sessionId,
    });
    return { ok: true, message: t('sessions.revokedOthers', { count }) };
  }
  const done = await revokeOwnSession(db(), {
    businessId: user.businessId,
    userId: user.id,
    sessionId: String(form.get('sessionId') ?? ''),
    actor,
  });
  return data(
    { ok: done, message: t(done ? 'sessions.revoked' : 'sessions.gone') },
    { status: done ? 200 : 404 },
  );
}

export const ErrorBoundary = AdminErrorBoundary;

export default function SessionsPage() {
  const { sessions, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { locale, t } = useSectionT(adminUsers, adminSettings);
  const lang = useLangLink();
  const busy = useNavigation().state === 'submitting';
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/settings')} className={textLink}>
          ← {t('settings.hub.title')}
        </Link>
      </p>
      <h1 className={pageTitle}>{t('sessions.title')}</h1>
      <p className="text-sm text-slate-700">{t('sessions.intro')}</p>
      {reply?.message ? <ActionReply reply={reply} /> : null}
      <section aria-label={t('sessions.title')} className={card}>
        <ul className="divide-y divide-slate-200">
          {sessions.map((s) => {
            const device = s.device ?? t('sessions.unknown');
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                <div>
                  <p className="font-medium text-slate-900">
                    {device}
                    {s.current ? (
                      <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-800">
                        {t('sessions.current')}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-slate-700">
                    {t('sessions.meta', {
                      ip: s.ip ?? '—',
                      lastSeen: when(s.lastSeenAt),
                      started: when(s.createdAt),
                    })}
                  </p>
                  {s.userAgent ? <p className="break-all text-xs text-slate-600">{s.userAgent}</p> : null}
                </div>
                {s.current ? null : (
                  <Form method="post">
                    <CsrfInput value={csrf} />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button
                      type="submit"
                      className={secondaryButton}
                      disabled={busy}
                      aria-label={t('sessions.revoke.label', { device, date: when(s.lastSeenAt) })}
                    >
                      {t('sessions.revoke')}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
        {others > 0 ? (
          <Form method="post" className="mt-4">
            <CsrfInput value={csrf} />
            <input type="hidden" name="intent" value="revoke-others" />
            <button type="submit" className={secondaryButton} disabled={busy}>
              {t('sessions.revokeOthers')}
            </button>
          </Form>
        ) : (
          <p className="mt-3 text-sm text-slate-700">{t('sessions.none')}</p>
        )}
      </section>
    </div>
  );
}
