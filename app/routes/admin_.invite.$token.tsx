import { readForm } from '~/utils/form.server';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AccountShell } from '~/components/admin/account-shell';
import { InvalidLinkCard, NewPasswordFields } from '~/components/admin/new-password';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { primaryButton } from '~/components/admin/ui';
import { CsrfInput, Field, FormErrors } from '~/components/forms/field';
import { adminUsers } from '~/i18n/admin-users';
import { SESSION_DAYS } from '~/modules/auth/login.server';
import { acceptInvitation } from '~/modules/users/accept-invitation.server';
import { findInvitation } from '~/modules/users/find-invitation.server';
import { checkTokenLookup } from '~/modules/users/token-page.server';
import { newPasswordSchema, type NewPasswordInput } from '~/modules/users/user-forms.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { db } from '~/utils/db.server';
import { pickLocale, translator } from '~/utils/i18n';
import { sessionCookie } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminUsers], 'invite.link');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const invite = await findInvitation(db(), params.token ?? '');
  await checkTokenLookup(context, Boolean(invite));
  const { token, setCookie } = csrfToken(request);
  const headers = setCookie ? { 'Set-Cookie': setCookie } : undefined;
  return data({ csrf: token, invite }, { status: invite ? 200 : 404, headers });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  requireCsrf(request, form);
  const locale = pickLocale(request);
  const submission = parseWithZod(form, { schema: newPasswordSchema(locale, true) });
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password', 'confirm'] }) }, { status: 400 });
  }
  const outcome = await acceptInvitation(db(), {
    token: params.token ?? '',
    name: submission.value.name ?? '',
    password: submission.value.password,
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  });
  if (!outcome.ok) {
    await checkTokenLookup(context, outcome.error !== 'invalid');
    const t = translator(locale, adminUsers);
    const message = t(outcome.error === 'invalid' ? 'accept.invalid' : 'accept.exists');
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ['password', 'confirm'] }) },
      { status: outcome.error === 'invalid' ? 404 : 409 },
    );
  }
  return redirect('/admin/invoices', {
    headers: { 'Set-Cookie': sessionCookie(outcome.sessionToken, SESSION_DAYS * 86_400) },
  });
}

export default function AcceptInvitation() {
  const { csrf, invite } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useSectionT(adminUsers);
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<NewPasswordInput>({
    id: 'accept',
    lastResult: reply?.result,
    shouldValidate: 'onSubmit',
  });

  if (!invite) {
    return (
      <InvalidLinkCard
        title={t('accept.invalid.title')}
        message={t('accept.invalid')}
        linkTo="/admin/login"
        linkText={t('forgot.back')}
      />
    );
  }
  return (
    <AccountShell title={t('accept.title', { business: invite.businessName })}>
      <p className="mt-1 text-sm text-slate-700">{t('accept.intro', { email: invite.email })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <CsrfInput value={csrf} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="email" name="username" value={invite.email} autoComplete="username" readOnly hidden />
        <Field
          meta={fields.name}
          label={t('name.label')}
          inputProps={{ autoComplete: 'name', required: true }}
        />
        <NewPasswordFields fields={fields} t={t} />
        <button type="submit" className={`${primaryButton} w-full`} disabled={busy}>
          {t('accept.submit')}
        </button>
      </Form>
    </AccountShell>
  );
}
