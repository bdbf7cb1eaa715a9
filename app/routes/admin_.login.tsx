import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AccountShell } from '~/components/admin/account-shell';
import { adminTitle } from '~/components/admin/meta';
import { primaryButton, textLink } from '~/components/admin/ui';
import { useAdminT } from '~/components/admin/use-admin';
import { CsrfInput, Field, FormErrors } from '~/components/forms/field';
import { admin } from '~/i18n/admin';
import { loginSchema, safeNext, type LoginFormInput } from '~/modules/auth/login-form.server';
import { login, SESSION_DAYS } from '~/modules/auth/login.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { db } from '~/utils/db.server';
import { pickLocale, translator } from '~/utils/i18n';
import { consume, isBlockedInMemory, limits } from '~/utils/rate-limit.server';
import { getUser, sessionCookie } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => adminTitle(matches, 'login.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const next = new URL(request.url).searchParams.get('next');
  if (await getUser(request)) throw redirect(safeNext(next));
  const { token, setCookie } = csrfToken(request);
  return data(
    { csrf: token, next: next ?? '' },
    setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined,
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  requireCsrf(request, form);
  const locale = pickLocale(request);
  const t = translator(locale, admin);
  const submission = parseWithZod(form, { schema: loginSchema(locale) });
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 });
  }
  const limiter = limits.login();
  const ip = context.clientIp;
  const refuse = (message: string, status: number) =>
    data({ result: submission.reply({ formErrors: [message], hideFields: ['password'] }) }, { status });

  // Failed logins per IP: over the limit, no password is even checked.
  const seen = isBlockedInMemory(limiter, ip) ? null : await limiter.get(ip);
  if (isBlockedInMemory(limiter, ip) || (seen && seen.consumedPoints >= limiter.points)) {
    return refuse(t('login.tooMany'), 429);
  }
  const outcome = await login(db(), {
    email: submission.value.email,
    password: submission.value.password,
    ip,
    userAgent: request.headers.get('user-agent'),
  });
  if (!outcome.ok) {
    await consume(limiter, ip);
    return refuse(t(outcome.error === 'locked' ? 'login.locked' : 'login.invalid'), 401);
  }
  return redirect(safeNext(submission.value.next), {
    headers: { 'Set-Cookie': sessionCookie(outcome.sessionToken, SESSION_DAYS * 86_400) },
  });
}

export default function LoginPage() {
  const { csrf, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useAdminT();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<LoginFormInput>({
    id: 'login',
    lastResult: actionData?.result,
    defaultValue: { next },
    shouldValidate: 'onSubmit',
  });
  return (
    <AccountShell title={t('login.heading')}>
      <p className="mt-1 text-sm text-slate-700">{t('login.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-4">
        <CsrfInput value={csrf} />
        <input type="hidden" name={fields.next.name} value={next} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.email}
          type="email"
          label={t('login.email')}
          inputProps={{ autoComplete: 'username', required: true, autoFocus: !actionData }}
        />
        <Field
          meta={fields.password}
          type="password"
          label={t('login.password')}
          inputProps={{ autoComplete: 'current-password', required: true }}
        />
        <button type="submit" className={`${primaryButton} w-full`} disabled={busy}>
          {t('login.submit')}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/admin/forgot-password" className={textLink}>
          {t('login.forgot')}
        </Link>
      </p>
    </AccountShell>
  );
}
