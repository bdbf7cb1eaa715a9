import { getFormProps, useForm } from '@conform-to/react';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import {
  card,
  dangerButton,
  pageTitle,
  primaryButton,
  secondaryButton,
  textLink,
} from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput, Field, FormErrors, SelectField } from '~/components/forms/field';
import { adminSettings } from '~/i18n/admin-settings';
import { adminUsers } from '~/i18n/admin-users';
import { requireOwnerPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { listUsers } from '~/modules/users/list-users.server';
import { type InviteInput } from '~/modules/users/user-forms.server';
import { runUserAction } from '~/modules/users/user-action.server';
import { db } from '~/utils/db.server';
import { formatDateTime } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminUsers], 'users.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { timeZone } = await businessBasics(db(), user.businessId);
  return {
    ...(await listUsers(db(), user.businessId)),
    me: user.id,
    isOwner: user.role === 'owner',
    timeZone,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireOwnerPost(request, context);
  const { status, reply } = await runUserAction(db(), { user, form, actor, locale });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function UsersPage() {
  const { users, invitations, me, isOwner, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { locale, t } = useSectionT(adminUsers, adminSettings);
  const lang = useLangLink();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<InviteInput>({
    id: 'invite',
    lastResult: reply?.intent === 'invite' ? reply.result : undefined,
    defaultValue: { role: 'staff' },
    shouldValidate: 'onSubmit',
  });

  const button = (
    intent: string,
    label: string,
    aria: string,
    extra: Record<string, string>,
    danger = false,
  ) => (
    <Form method="post">
      <CsrfInput value={csrf} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        aria-label={aria}
        className={danger ? dangerButton : secondaryButton}
        disabled={busy}
      >
        {label}
      </button>
    </Form>
  );

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/settings')} className={textLink}>
          ← {t('settings.hub.title')}
        </Link>
      </p>
      <h1 className={pageTitle}>{t('users.title')}</h1>
      <p className="text-sm text-slate-700">{t('users.intro')}</p>
      {isOwner ? null : (
        <p
          role="note"
          className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          {t('users.readOnly')}
        </p>
      )}
      {reply?.message ? <ActionReply reply={reply} /> : null}
      {reply?.inviteUrl ? (
        <section
          aria-labelledby="invite-link-title"
          className="rounded-2xl border border-amber-300 bg-amber-50 p-5"
        >
          <h2 id="invite-link-title" className="text-base font-semibold text-amber-950">
            {t('invite.link')}
          </h2>
          <p className="mt-1 text-sm text-amber-950">{t('invite.link.hint')}</p>
          <label htmlFor="invite-url" className="sr-only">
            {t('invite.link')}
          </label>
          <input
            id="invite-url"
            readOnly
            value={reply.inviteUrl}
            onFocus={(e) => e.currentTarget.select()}
            className="mt-3 block w-full rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
          />
        </section>
      ) : null}

      <section aria-labelledby="users-title" className={card}>
        <h2 id="users-title" className="text-lg font-semibold text-slate-900">
          {t('users.title')}
        </h2>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t('users.col.name')}
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t('users.col.email')}
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t('users.col.role')}
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t('users.col.sessions')}
                </th>
                {isOwner ? (
                  <th scope="col" className="py-2 font-semibold">
                    {t('users.col.actions')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {users.map((u) => (
                <tr key={u.id} className="align-top">
                  <td className="py-3 pr-4 font-medium text-slate-900">
                    {u.name}{' '}
                    {u.id === me ? (
                      <span className="font-normal text-slate-700">{t('users.you')}</span>
                    ) : null}
                  </td>
                  <td className="py-3 pr-4 text-slate-800">{u.email}</td>
                  <td className="py-3 pr-4 text-slate-800">
                    {t(`role.${u.role}`)}
                    {u.disabled ? (
                      <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800">
                        {t('users.disabled')}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-3 pr-4 text-slate-800">{u.openSessions}</td>
                  {isOwner ? (
                    <td className="py-3">
                      <div className="flex flex-wrap gap-2">
                        {button(
                          'role',
                          t(u.role === 'owner' ? 'users.makeStaff' : 'users.makeOwner'),
                          t(u.role === 'owner' ? 'users.makeStaff.label' : 'users.makeOwner.label', {
                            name: u.name,
                          }),
                          { userId: u.id, role: u.role === 'owner' ? 'staff' : 'owner' },
                        )}
                        {u.openSessions > 0 && u.id !== me
                          ? button(
                              'revoke-sessions',
                              t('users.revoke'),
                              t('users.revoke.label', { name: u.name }),
                              {
                                userId: u.id,
                              },
                            )
                          : null}
                        {u.disabled
                          ? button('enable', t('users.enable'), t('users.enable.label', { name: u.name }), {
                              userId: u.id,
                            })
                          : u.id !== me
                            ? button(
                                'disable',
                                t('users.disable'),
                                t('users.disable.label', { name: u.name }),
                                { userId: u.id },
                                true,
                              )
                            : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="invites-title" className={card}>
        <h2 id="invites-title" className="text-lg font-semibold text-slate-900">
          {t('invites.title')}
        </h2>
        {invitations.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t('invites.empty')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <span className="text-slate-900">
                  <span className="font-medium">{i.email}</span> · {t(`role.${i.role}`)} ·{' '}
                  {t('invites.expires', { date: formatDateTime(i.expiresAt, locale, timeZone) })}
                </span>
                {isOwner
                  ? button(
                      'revoke-invite',
                      t('invites.revoke'),
                      t('invites.revoke.label', { email: i.email }),
                      {
                        invitationId: i.id,
                      },
                    )
                  : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {isOwner ? (
        <section aria-labelledby="invite-title" className={card}>
          <h2 id="invite-title" className="text-lg font-semibold text-slate-900">
            {t('invite.title')}
          </h2>
          <Form
            method="post"
            {...getFormProps(form)}
            className="mt-4 grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start"
          >
            <CsrfInput value={csrf} />
            <input type="hidden" name="intent" value="invite" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field
              meta={fields.email}
              type="email"
              label={t('invite.email')}
              inputProps={{ autoComplete: 'off' }}
            />
            <SelectField meta={fields.role} label={t('role.label')}>
              <option value="staff">{t('role.staff')}</option>
              <option value="owner">{t('role.owner')}</option>
            </SelectField>
            <button type="submit" className={`${primaryButton} sm:mt-6`} disabled={busy}>
              {t('invite.submit')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
