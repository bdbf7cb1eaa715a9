import { getFormProps, useForm } from '@conform-to/react';
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { offsetLabel } from '~/components/admin/dunning-format';
import { DunningLadder } from '~/components/admin/dunning-ladder';
import { DunningStepEditor } from '~/components/admin/dunning-step-editor';
import { adminTitle } from '~/components/admin/meta';
import { useSectionT } from '~/components/admin/section-t';
import { card, dangerButton, pageTitle, secondaryButton, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CsrfInput, Field, FormErrors } from '~/components/forms/field';
import { adminDunning } from '~/i18n/admin-dunning';
import { requireOwnerPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { ensureDefaultPolicy } from '~/modules/dunning/ensure-default-policy.server';
import { findPolicy } from '~/modules/dunning/policies.server';
import { runPolicyAction } from '~/modules/dunning/policy-page-action.server';
import type { StepFormInput } from '~/modules/dunning/policy-form.server';
import { listSteps } from '~/modules/dunning/policy-steps.server';
import { previewInvoices } from '~/modules/dunning/step-preview.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { isLocale, pickLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';
import { OwnerOnlyNote } from '~/components/admin/owner-only-note';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, () => data?.policy.name ?? '');

const DONE = ['added', 'changed', 'unchanged', 'removed', 'archived'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await ensureDefaultPolicy(db(), user.businessId);
  const policy = await findPolicy(db(), user.businessId, params.policyId ?? '');
  if (!policy) throw new Response('Not found', { status: 404 });
  const basics = await businessBasics(db(), user.businessId);
  const today = todayIn(basics.timeZone);
  const [steps, invoices] = await Promise.all([
    listSteps(db(), policy.id),
    previewInvoices(db(), user.businessId, today),
  ]);
  const url = new URL(request.url);
  const asked = url.searchParams.get('step');
  const selected = asked === 'new' ? 'new' : ((steps.find((s) => s.id === asked) ?? steps[0])?.id ?? 'new');
  const askedInvoice = url.searchParams.get('invoice');
  const invoiceId = (invoices.find((i) => i.id === askedInvoice) ?? invoices[0])?.id ?? null;
  const askedLang = url.searchParams.get('previewLang');
  const done = url.searchParams.get('done');
  return {
    policy: { id: policy.id, name: policy.name, isDefault: policy.isDefault },
    steps,
    selected,
    invoices,
    invoiceId,
    previewLang: isLocale(askedLang) ? askedLang : pickLocale(request),
    done: (DONE as readonly string[]).includes(done ?? '') ? done : null,
    created: url.searchParams.get('created') === '1',
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireOwnerPost(request, context);
  const outcome = await runPolicyAction({
    businessId: user.businessId,
    policyId: params.policyId ?? '',
    actor,
    locale,
    form,
  });
  if ('redirect' in outcome) {
    const lang = new URL(request.url).searchParams.get('lang');
    const to = outcome.redirect.startsWith('?')
      ? `/admin/dunning/${params.policyId}${outcome.redirect}`
      : outcome.redirect;
    return redirect(isLocale(lang) ? `${to}${to.includes('?') ? '&' : '?'}lang=${lang}` : to);
  }
  return data(outcome.reply, { status: outcome.status });
}

export const ErrorBoundary = AdminErrorBoundary;

const blank: StepFormInput = {
  offsetDays: '',
  channel: 'email',
  tone: 'friendly',
  subjectFr: '',
  bodyFr: '',
  subjectEn: '',
  bodyEn: '',
};

export default function DunningPolicy() {
  const { policy, steps, selected, invoices, invoiceId, previewLang, done, created } =
    useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { locale, t } = useSectionT(adminDunning);
  const lang = useLangLink();
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const base = `/admin/dunning/${policy.id}`;
  const link = (query: string) => lang(`${base}${query}`);
  const step = steps.find((s) => s.id === selected);
  const editorReply =
    reply &&
    (reply.intent === 'add-step' || reply.intent === 'update-step') &&
    (reply.stepId ?? 'new') === selected
      ? reply
      : undefined;
  const message = reply && !editorReply?.result ? reply : null;
  const notice = created ? t('result.created') : done ? t(`result.step.${done}`) : null;
  const previewQuery = new URLSearchParams({
    ...(step ? { step: step.id } : {}),
    ...(invoiceId ? { invoice: invoiceId } : {}),
    previewLang,
  });

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/dunning')} className={`text-sm ${textLink}`}>
          ← {t('policy.back')}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className={`${pageTitle} break-words`}>{policy.name}</h1>
        {policy.isDefault ? (
          <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-semibold text-brand-800 ring-1 ring-inset ring-brand-100">
            {t('dunning.default')}
          </span>
        ) : null}
      </div>
      <OwnerOnlyNote />

      {message ? (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={`rounded-lg border px-4 py-3 text-sm font-medium ${
            message.ok
              ? 'border-emerald-300 bg-emerald-50 text-emerald-900'
              : 'border-red-300 bg-red-50 text-red-800'
          }`}
        >
          {message.message}
        </p>
      ) : notice ? (
        <p
          role="status"
          className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900"
        >
          {notice}
        </p>
      ) : null}

      <div className="grid items-start gap-5 lg:grid-cols-5">
        <div className="space-y-5 lg:col-span-2">
          <section aria-labelledby="ladder-title" className={card}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h2 id="ladder-title" className="text-base font-semibold text-slate-900">
                  {t('policy.ladder')}
                </h2>
                <p className="mt-1 text-sm text-slate-700">{t('policy.ladder.hint')}</p>
              </div>
              <Link
                to={`${link('?step=new')}#step-editor`}
                className={secondaryButton}
                aria-current={selected === 'new' ? 'true' : undefined}
              >
                {t('step.add')}
              </Link>
            </div>
            <DunningLadder
              steps={steps}
              selected={selected}
              locale={locale}
              csrf={csrf}
              busy={busy}
              link={link}
              t={t}
            />
          </section>
          <PolicySettings policy={policy} reply={reply} csrf={csrf} busy={busy} />
        </div>

        <div className="lg:col-span-3">
          <DunningStepEditor
            key={selected}
            stepKey={selected}
            title={step ? t('editor.edit', { offset: offsetLabel(step.offsetDays, t) }) : t('editor.new')}
            defaultValue={
              step
                ? {
                    offsetDays: String(step.offsetDays),
                    channel: step.channel,
                    tone: step.tone,
                    subjectFr: step.subjectFr,
                    bodyFr: step.bodyFr,
                    subjectEn: step.subjectEn,
                    bodyEn: step.bodyEn,
                  }
                : blank
            }
            lastResult={editorReply?.result}
            csrf={csrf}
            busy={busy}
            previewAction={lang(`${base}/preview`)}
            previewSrc={lang(`${base}/preview?${previewQuery.toString()}`)}
            invoices={invoices}
            invoiceId={invoiceId}
            previewLang={previewLang}
            cancelTo={link(step ? `?step=${step.id}` : '')}
            t={t}
          />
        </div>
      </div>
    </div>
  );
}

type SettingsProps = {
  policy: { id: string; name: string; isDefault: boolean };
  reply: ReturnType<typeof useActionData<typeof action>>;
  csrf: string;
  busy: boolean;
};

/** Rename the policy; delete it (not the default, not while customers follow it). */
function PolicySettings({ policy, reply, csrf, busy }: SettingsProps) {
  const { t } = useSectionT(adminDunning);
  const [form, fields] = useForm<{ name: string }>({
    id: 'rename-policy',
    lastResult: reply?.intent === 'rename' ? reply.result : undefined,
    defaultValue: { name: policy.name },
    shouldValidate: 'onSubmit',
  });
  return (
    <section aria-labelledby="settings-title" className={card}>
      <h2 id="settings-title" className="text-base font-semibold text-slate-900">
        {t('policy.settings')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 flex flex-wrap items-end gap-3">
        <CsrfInput value={csrf} />
        <input type="hidden" name="intent" value="rename" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.name}
          label={t('policy.name')}
          className="min-w-0 flex-1 basis-48"
          inputProps={{ required: true, maxLength: 80 }}
        />
        <button type="submit" className={secondaryButton} disabled={busy}>
          {t('policy.rename')}
        </button>
      </Form>
      {policy.isDefault ? (
        <p className="mt-4 text-sm text-slate-700">{t('policy.delete.default')}</p>
      ) : (
        <Form method="post" className="mt-4 border-t border-slate-200 pt-4">
          <CsrfInput value={csrf} />
          <input type="hidden" name="intent" value="delete" />
          <p className="mb-3 text-sm text-slate-700">{t('policy.delete.hint')}</p>
          <button type="submit" className={dangerButton} disabled={busy}>
            {t('policy.delete')}
          </button>
        </Form>
      )}
    </section>
  );
}
