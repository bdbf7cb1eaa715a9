import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, primaryButton, secondaryButton, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput, Field, FormErrors, SelectField } from '~/components/forms/field';
import { adminPlans } from '~/i18n/admin-plans';
import { requireOwnerPost } from '~/modules/auth/admin-request.server';
import {
  loadPlanSettings,
  planSettingsSchema,
  savePlanSettings,
  setInstallmentsAllowed,
} from '~/modules/plans/plan-settings.server';
import { db } from '~/utils/db.server';
import { translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';
import { OwnerOnlyNote } from '~/components/admin/owner-only-note';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminPlans], 'settings.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadPlanSettings(db(), user.businessId);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireOwnerPost(request, context);
  const t = translator(locale, adminPlans);
  if (form.get('intent') === 'customer') {
    const saved = await setInstallmentsAllowed(db(), {
      businessId: user.businessId,
      customerId: String(form.get('customerId') ?? ''),
      allowed: form.get('allowed') === 'yes',
      actor,
    });
    if (saved === 'not_found')
      return data(
        { ok: false, message: t('settings.customer.notFound'), result: undefined },
        { status: 404 },
      );
    return { ok: true, message: t('settings.customer.saved'), result: undefined };
  }
  const { currency } = await loadPlanSettings(db(), user.businessId);
  const submission = parseWithZod(form, { schema: planSettingsSchema(locale, currency) });
  if (submission.status !== 'success') {
    return data({ ok: false, message: '', result: submission.reply() }, { status: 400 });
  }
  await savePlanSettings(db(), user.businessId, submission.value, actor);
  return { ok: true, message: t('settings.saved'), result: submission.reply() };
}

export const ErrorBoundary = AdminErrorBoundary;

export default function PlanSettings() {
  const { values, currency, customers } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { t } = useSectionT(adminPlans);
  const lang = useLangLink();
  const [form, fields] = useForm({
    id: 'plan-settings',
    lastResult: reply?.result,
    defaultValue: values,
    shouldValidate: 'onSubmit',
  });
  const slots = fields.offers.getFieldList();

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/plans')} className={textLink}>
          ← {t('plans.title')}
        </Link>
      </p>
      <h1 className={pageTitle}>{t('settings.title')}</h1>
      <OwnerOnlyNote />
      {reply?.message ? <ActionReply reply={reply} /> : null}

      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <CsrfInput value={csrf} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <section aria-labelledby="offers-title" className={card}>
          <h2 id="offers-title" className="text-lg font-semibold text-slate-900">
            {t('settings.offers')}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t('settings.offers.hint')}</p>
          <div className="mt-4 space-y-4">
            {slots.map((slot, i) => {
              const f = slot.getFieldset();
              return (
                <fieldset
                  key={slot.key}
                  className="grid gap-3 rounded-xl border border-slate-200 p-4 sm:grid-cols-3"
                >
                  <legend className="px-1 text-sm font-semibold text-slate-900">
                    {t('settings.offer', { n: i + 1 })}
                  </legend>
                  <SelectField meta={f.parts} label={t('settings.parts')}>
                    <option value="">{t('settings.parts.none')}</option>
                    {[2, 3, 4, 5, 6].map((n) => (
                      <option key={n} value={String(n)}>
                        {n}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField meta={f.interval} label={t('settings.interval')}>
                    <option value="monthly">{t('settings.interval.monthly')}</option>
                    <option value="biweekly">{t('settings.interval.biweekly')}</option>
                  </SelectField>
                  <Field meta={f.split} label={t('settings.split')} hint={t('settings.split.hint')} />
                </fieldset>
              );
            })}
          </div>
        </section>
        <section aria-labelledby="limits-title" className={card}>
          <h2 id="limits-title" className="text-lg font-semibold text-slate-900">
            {t('settings.limits')}
          </h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <Field
              meta={fields.minFirstPart}
              label={t('settings.minFirstPart', { currency })}
              inputProps={{ inputMode: 'decimal' }}
            />
            <Field
              meta={fields.minInvoice}
              label={t('settings.minInvoice', { currency })}
              inputProps={{ inputMode: 'decimal' }}
            />
            <Field
              meta={fields.maxDurationDays}
              label={t('settings.maxDurationDays')}
              inputProps={{ inputMode: 'numeric' }}
            />
            <Field
              meta={fields.promiseMaxDays}
              label={t('settings.promiseMaxDays')}
              inputProps={{ inputMode: 'numeric' }}
            />
            <Field
              meta={fields.promiseMaxPerInvoice}
              label={t('settings.promiseMaxPerInvoice')}
              inputProps={{ inputMode: 'numeric' }}
            />
          </div>
          <button type="submit" className={`mt-5 ${primaryButton}`}>
            {t('settings.save')}
          </button>
        </section>
      </Form>

      <section aria-labelledby="customers-title" className={card}>
        <h2 id="customers-title" className="text-lg font-semibold text-slate-900">
          {t('settings.customers')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('settings.customers.hint')}</p>
        <ul className="mt-3 divide-y divide-slate-200">
          {customers.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
              <span className="font-medium text-slate-900">{c.name}</span>
              {c.creditPolicy === 'prepay_only' ? (
                <span className="text-slate-700">{t('settings.customer.prepay')}</span>
              ) : (
                <Form method="post">
                  <CsrfInput value={csrf} />
                  <input type="hidden" name="intent" value="customer" />
                  <input type="hidden" name="customerId" value={c.id} />
                  <input type="hidden" name="allowed" value={c.installmentsAllowed ? 'no' : 'yes'} />
                  <button
                    type="submit"
                    role="switch"
                    aria-checked={c.installmentsAllowed}
                    aria-label={t('settings.customer.allowed', { name: c.name })}
                    className={secondaryButton}
                  >
                    {t(c.installmentsAllowed ? 'settings.customer.on' : 'settings.customer.off')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
