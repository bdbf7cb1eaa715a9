import { getFormProps, useForm } from '@conform-to/react';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react';
import { DebtorShell, debtorButton, debtorCard } from '~/components/debtor/debtor-shell';
import { SignaturePad } from '~/components/debtor/signature-pad';
import { CheckboxField, CsrfInput, Field, FormErrors } from '~/components/forms/field';
import { acceptance } from '~/i18n/acceptance';
import { loadAcceptPage, runAcceptAction } from '~/modules/acceptance/accept-page.server';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { pickLocale, translator } from '~/utils/i18n';
import { consume, limits } from '~/utils/rate-limit.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context, { allowDraft: true });
  const locale = pickLocale(request);
  const page = await loadAcceptPage(view, locale);
  const csrf = csrfToken(request);
  return data(
    {
      ...page,
      locale,
      draft: view.status === 'draft',
      business: {
        name: view.seller?.name ?? view.business.name,
        logoUrl: view.business.logoUrl,
        email: view.business.email,
      },
      canDispute: view.status === 'open' && view.balanceMinor > 0,
      just: new URL(request.url).searchParams.get('signed'),
      csrf: csrf.token,
    },
    { headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : undefined },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context, { allowDraft: true });
  if (!(await consume(limits.debtorPost(), context.clientIp))) throw new Response(null, { status: 429 });
  const form = await readForm(request);
  requireCsrf(request, form);
  const outcome = await runAcceptAction(form, view, {
    locale: pickLocale(request),
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
    pageUrl: request.url,
  });
  if (outcome.redirectTo) throw redirect(outcome.redirectTo);
  return data(outcome.result, { status: outcome.status });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Acquit' }];
  return [{ title: translator(data.locale, acceptance)('accept.title', { business: data.business.name }) }];
};

export default function AcceptancePage() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { token } = useParams();
  const busy = useNavigation().state === 'submitting';
  const t = translator(page.locale, acceptance);
  const [form, fields] = useForm<{ signerName: string; signerRole: string; consent: string }>({
    id: 'sign',
    lastResult,
    shouldValidate: 'onSubmit',
  });
  const base = `/i/${token}`;

  return (
    <DebtorShell
      business={page.business}
      locale={page.locale}
      t={t}
      back={page.draft ? null : { href: `${base}?lang=${page.locale}`, label: t('accept.back') }}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t('accept.title', { business: page.business.name })}
      </h1>
      {page.draft ? (
        <p className="text-sm text-slate-700">{t('accept.back.draft', { business: page.business.name })}</p>
      ) : null}

      {page.state === 'signed' && page.signed ? (
        <section
          aria-labelledby="signed-title"
          className="rounded-2xl border border-emerald-300 bg-emerald-50 p-5 text-emerald-950 sm:p-6"
        >
          <h2 id="signed-title" className="text-lg font-semibold" role="status">
            {t('accept.signed.title')}
          </h2>
          {page.just === 'now' ? <p className="mt-1">{t('accept.signed.thanks')}</p> : null}
          {page.just === 'already' ? <p className="mt-1">{t('accept.signed.already')}</p> : null}
          <p className="mt-2">
            {t('accept.signed.body', {
              date: page.signed.at,
              name: page.signed.name,
              role: page.signed.role,
            })}
          </p>
          <p className="mt-2 text-sm">
            {t('accept.signed.hash')} :{' '}
            <code className="break-all font-mono text-xs">{page.signed.sha256}</code>
          </p>
          <p className="mt-4">
            <a href={`${base}/letter.pdf?lang=${page.locale}`} download className={debtorButton}>
              {t('accept.pdf')}
            </a>
          </p>
        </section>
      ) : null}

      {page.state === 'not_requested' ? (
        <p className="rounded-2xl border border-slate-300 bg-slate-100 p-5 text-slate-800">
          {t('accept.notRequested', { business: page.business.name })}
        </p>
      ) : null}

      {page.state === 'to_sign' ? (
        <p className="text-slate-700">{t('accept.intro', { business: page.business.name })}</p>
      ) : null}

      {page.letterText ? (
        <section aria-labelledby="letter-title" className={debtorCard}>
          <h2 id="letter-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
            {t('accept.letter')}
          </h2>
          <div
            lang={page.locale}
            className="mt-3 whitespace-pre-line text-base leading-relaxed text-slate-900"
          >
            {page.letterText}
          </div>
        </section>
      ) : null}

      {page.state === 'to_sign' ? (
        <section aria-labelledby="sign-title" className={debtorCard}>
          <h2 id="sign-title" className="text-lg font-semibold text-slate-900">
            {t('accept.form')}
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
            <CsrfInput value={page.csrf} />
            <input type="hidden" name="intent" value="sign" />
            <input type="hidden" name="letterSha256" value={page.letterSha256 ?? ''} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field
                meta={fields.signerName}
                label={t('accept.name')}
                hint={t('accept.name.hint')}
                inputProps={{ autoComplete: 'name', required: true, maxLength: 120 }}
              />
              <Field
                meta={fields.signerRole}
                label={t('accept.role')}
                hint={t('accept.role.hint')}
                inputProps={{ autoComplete: 'organization-title', required: true, maxLength: 120 }}
              />
            </div>
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">{t('accept.drawn')}</legend>
              <p className="mt-0.5 text-xs text-slate-600">{t('accept.drawn.hint')}</p>
              <div className="mt-2">
                <SignaturePad
                  name="signatureSvg"
                  label={t('accept.drawn.canvas')}
                  clearLabel={t('accept.drawn.clear')}
                  doneLabel={t('accept.drawn.done')}
                />
              </div>
            </fieldset>
            <CheckboxField meta={fields.consent} label={t('accept.consent')} />
            <p className="text-xs text-slate-600">{t('accept.legal', { business: page.business.name })}</p>
            <button type="submit" className={debtorButton} disabled={busy}>
              {busy ? t('accept.submitting') : t('accept.submit')}
            </button>
          </Form>
          <p className="mt-5 border-t border-slate-200 pt-4 text-sm text-slate-700">
            {page.canDispute ? (
              <>
                {t('accept.problem')}{' '}
                <a
                  className="font-medium text-brand-700 underline underline-offset-2"
                  href={`${base}/dispute?lang=${page.locale}`}
                >
                  {t('accept.problem.link')}
                </a>
                .
              </>
            ) : (
              <>
                {t('accept.problem')}{' '}
                <a
                  className="font-medium text-brand-700 underline underline-offset-2"
                  href={`mailto:${page.business.email}`}
                >
                  {t('accept.problem.mail', { email: page.business.email })}
                </a>
                .
              </>
            )}
          </p>
        </section>
      ) : null}
    </DebtorShell>
  );
}
