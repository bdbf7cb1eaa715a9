import { readForm } from '~/utils/form.server';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AccountShell } from '~/components/admin/account-shell';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { primaryButton, textLink } from '~/components/admin/ui';
import { CsrfInput, Field, FormErrors } from '~/components/forms/field';
import { adminUsers } from '~/i18n/admin-users';
import { requestPasswordReset } from '~/modules/users/request-password-reset.server';
import { forgotSchema, type ForgotInput } from '~/modules/users/user-forms.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { db } from '~/utils/db.server';
import { pickLocale, translator } from '~/utils/i18n';
import { consume, isBlockedInMemory, limits } from '~/utils/rate-limit.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminUsers], 'forgot.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const { token, setCookie } = csrfToken(request);
  return data({ csrf: token }, setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined);
}

/**
 * The answer is the same whether the address has an account or not. Requests are limited per IP and per address
 * asked for; over either limit the answer is 429 whatever the address, so the limit reveals nothing either.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  requireCsrf(request, form);
  const locale = pickLocale(request);
  const t = translator(locale, adminUsers);
  const submission = parseWithZod(form, { schema: forgotSchema(locale) });
  if (submission.status !== 'success') {
    return data({ sent: false, result: submission.reply() }, { status: 400 });
  }
  const byIp = limits.passwordReset();
  const byEmail = limits.passwordResetEmail();
  const email = submission.value.email.toLowerCase();
  const ip = context.clientIp;
  if (isBlockedInMemory(byIp, ip) || !(await consume(byIp, ip)) || !(await consume(byEmail, email))) {
    return data(
      { sent: false, result: submission.reply({ formErrors: [t('forgot.tooMany')] }) },
      { status: 429 },
    );
  }
  await requestPasswordReset(db(), { email, ip, userAgent: request.headers.get('user-agent'), locale });
  return { sent: true, result: submission.reply({ resetForm: true }) };
}

export default function ForgotPassword() {
  const { csrf } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useSectionT(adminUsers);
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<ForgotInput>({
    id: 'forgot',
    lastResult: reply?.result,
    shouldValidate: 'onSubmit',
  });
  return (
    <AccountShell title={t('forgot.title')}>
      {reply?.sent ? (
        <p
          role="status"
          className="mt-3 rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        >
          {t('forgot.sent')}
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">{t('forgot.intro')}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <CsrfInput value={csrf} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.email}
          type="email"
          label={t('invite.email')}
          inputProps={{ autoComplete: 'username', required: true }}
        />
        <button type="submit" className={`${primaryButton} w-full`} disabled={busy}>
          {t('forgot.submit')}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/admin/login" className={textLink}>
          {t('forgot.back')}
        </Link>
      </p>
    </AccountShell>
  );
}
