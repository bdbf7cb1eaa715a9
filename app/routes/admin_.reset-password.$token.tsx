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
import { CsrfInput, FormErrors } from '~/components/forms/field';
import { adminUsers } from '~/i18n/admin-users';
import { SESSION_DAYS } from '~/modules/auth/login.server';
import { isResetLinkValid, resetPassword } from '~/modules/users/reset-password.server';
import { checkTokenLookup } from '~/modules/users/token-page.server';
import { newPasswordSchema, type NewPasswordInput } from '~/modules/users/user-forms.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { db } from '~/utils/db.server';
import { pickLocale, translator } from '~/utils/i18n';
import { sessionCookie } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminUsers], 'reset.title');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const valid = await isResetLinkValid(db(), params.token ?? '');
  await checkTokenLookup(context, valid);
  const { token, setCookie } = csrfToken(request);
  const headers = setCookie ? { 'Set-Cookie': setCookie } : undefined;
  return data({ csrf: token, valid }, { status: valid ? 200 : 404, headers });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  requireCsrf(request, form);
  const locale = pickLocale(request);
  const submission = parseWithZod(form, { schema: newPasswordSchema(locale, false) });
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password', 'confirm'] }) }, { status: 400 });
  }
  const outcome = await resetPassword(db(), {
    token: params.token ?? '',
    password: submission.value.password,
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  });
  if (!outcome.ok) {
    await checkTokenLookup(context, false);
    const message = translator(locale, adminUsers)('reset.invalid');
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ['password', 'confirm'] }) },
      { status: 404 },
    );
  }
  return redirect('/admin/invoices', {
    headers: { 'Set-Cookie': sessionCookie(outcome.sessionToken, SESSION_DAYS * 86_400) },
  });
}

export default function ResetPassword() {
  const { csrf, valid } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useSectionT(adminUsers);
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<NewPasswordInput>({
    id: 'reset',
    lastResult: reply?.result,
    shouldValidate: 'onSubmit',
  });
  if (!valid) {
    return (
      <InvalidLinkCard
        title={t('reset.invalid.title')}
        message={t('reset.invalid')}
        linkTo="/admin/forgot-password"
        linkText={t('reset.again')}
      />
    );
  }
  return (
    <AccountShell title={t('reset.title')}>
      <p className="mt-1 text-sm text-slate-700">{t('reset.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <CsrfInput value={csrf} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <NewPasswordFields fields={fields} t={t} />
        <button type="submit" className={`${primaryButton} w-full`} disabled={busy}>
          {t('reset.submit')}
        </button>
      </Form>
    </AccountShell>
  );
}
