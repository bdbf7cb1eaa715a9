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
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, primaryButton, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput, Field, FormErrors } from '~/components/forms/field';
import { adminDunning } from '~/i18n/admin-dunning';
import { requireOwnerPost } from '~/modules/auth/admin-request.server';
import { createPolicy, listPolicies } from '~/modules/dunning/policies.server';
import { policyFormSchema, type PolicyFormInput } from '~/modules/dunning/policy-form.server';
import { db } from '~/utils/db.server';
import { translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';
import { OwnerOnlyNote } from '~/components/admin/owner-only-note';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminDunning], 'dunning.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const deleted = new URL(request.url).searchParams.get('deleted') === '1';
  return { policies: await listPolicies(db(), user.businessId), deleted };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireOwnerPost(request, context);
  const submission = parseWithZod(form, { schema: policyFormSchema(locale) });
  if (submission.status !== 'success') {
    const t = translator(locale, adminDunning);
    return data({ result: submission.reply({ formErrors: [t('result.error')] }) }, { status: 400 });
  }
  const { policyId } = await createPolicy(db(), { businessId: user.businessId, actor, ...submission.value });
  const lang = new URL(request.url).searchParams.get('lang');
  return redirect(
    `/admin/dunning/${policyId}?created=1${lang === 'en' || lang === 'fr' ? `&lang=${lang}` : ''}`,
  );
}

export const ErrorBoundary = AdminErrorBoundary;

export default function DunningPolicies() {
  const { policies, deleted } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useSectionT(adminDunning);
  const lang = useLangLink();
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<PolicyFormInput>({
    id: 'new-policy',
    lastResult: actionData?.result,
    defaultValue: { from: 'default' },
    shouldValidate: 'onSubmit',
  });
  const count = (prefix: string, n: number) =>
    t(`${prefix}.${n === 0 ? 'zero' : n === 1 ? 'one' : 'other'}`, { count: n });

  return (
    <div className="space-y-5">
      <div className="max-w-3xl">
        <h1 className={pageTitle}>{t('dunning.title')}</h1>
        <p className="mt-1 text-sm text-slate-700">{t('dunning.intro')}</p>
      </div>
      <OwnerOnlyNote />

      {deleted ? (
        <p
          role="status"
          className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900"
        >
          {t('result.deleted')}
        </p>
      ) : null}

      <div className="grid items-start gap-5 lg:grid-cols-3">
        <section aria-labelledby="policies-title" className="space-y-3 lg:col-span-2">
          <h2 id="policies-title" className="text-base font-semibold text-slate-900">
            {t('dunning.policies')}
          </h2>
          <ul className="space-y-3">
            {policies.map((p) => (
              <li key={p.id} className={`${card} flex flex-wrap items-center justify-between gap-3`}>
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2">
                    <Link
                      to={lang(`/admin/dunning/${p.id}`)}
                      className="text-lg font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800"
                    >
                      {p.name}
                    </Link>
                    {p.isDefault ? (
                      <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-800 ring-1 ring-inset ring-brand-100">
                        {t('dunning.default')}
                      </span>
                    ) : null}
                  </p>
                  <p className="mt-1 text-sm text-slate-700">
                    {count('dunning.steps', p.stepCount)} ·{' '}
                    {p.isDefault
                      ? p.customerCount
                        ? `${t('dunning.customers.default')} (+ ${count('dunning.customers', p.customerCount)})`
                        : t('dunning.customers.default')
                      : count('dunning.customers', p.customerCount)}
                  </p>
                </div>
                <Link
                  to={lang(`/admin/dunning/${p.id}`)}
                  aria-label={t('dunning.open', { name: p.name })}
                  className={`text-sm ${textLink}`}
                >
                  {t('step.edit')}
                </Link>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="create-title" className={card}>
          <h2 id="create-title" className="text-base font-semibold text-slate-900">
            {t('dunning.create.title')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('dunning.create.hint')}</p>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
            <CsrfInput value={csrf} />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field
              meta={fields.name}
              label={t('policy.name')}
              inputProps={{ required: true, maxLength: 80 }}
            />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">{t('policy.from')}</legend>
              <div className="mt-2 space-y-2">
                {(['default', 'empty'] as const).map((value) => (
                  <label key={value} className="flex items-center gap-3 text-sm text-slate-800">
                    <input
                      type="radio"
                      name={fields.from.name}
                      value={value}
                      defaultChecked={(fields.from.initialValue ?? 'default') === value}
                      className="h-4 w-4 accent-brand-700"
                    />
                    {t(`policy.from.${value}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button type="submit" className={primaryButton} disabled={busy}>
              {t('dunning.create.submit')}
            </button>
          </Form>
        </section>
      </div>
    </div>
  );
}
