import { getFormProps, useForm } from '@conform-to/react';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, primaryButton } from '~/components/admin/ui';
import { useAdmin } from '~/components/admin/use-admin';
import { CsrfInput, ErrorList, Field, TextareaField } from '~/components/forms/field';
import { adminDisputes } from '~/i18n/admin-disputes';
import { runLetterSettingsAction } from '~/modules/acceptance/letter-settings-form.server';
import { LETTER_PLACEHOLDERS } from '~/modules/acceptance/letter-template';
import { loadLetterSettings } from '~/modules/acceptance/letter-templates.server';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { db } from '~/utils/db.server';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminDisputes], 'letters.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadLetterSettings(db(), user.businessId);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply } = await runLetterSettingsAction({
    businessId: user.businessId,
    actor,
    locale,
    form,
  });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function AcceptanceLetters() {
  const { templates, customers } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useSectionT(adminDisputes);
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<{
    titleFr: string;
    bodyFr: string;
    titleEn: string;
    bodyEn: string;
    required: string[];
  }>({
    id: 'letters',
    lastResult: reply?.result,
    shouldValidate: 'onSubmit',
    defaultValue: {
      titleFr: templates.fr.title,
      bodyFr: templates.fr.body,
      titleEn: templates.en.title,
      bodyEn: templates.en.body,
      required: customers.filter((c) => c.acceptanceRequired).map((c) => c.id),
    },
  });
  const required = new Set(customers.filter((c) => c.acceptanceRequired).map((c) => c.id));
  const placeholders = LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

  return (
    <div className="space-y-5">
      <div>
        <h1 className={pageTitle}>{t('letters.title')}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t('letters.intro')}</p>
      </div>
      <ActionReply reply={reply} />
      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <CsrfInput value={csrf} />
        <div className="grid gap-5 lg:grid-cols-2">
          {(['fr', 'en'] as const).map((l) => {
            const title = l === 'fr' ? fields.titleFr : fields.titleEn;
            const body = l === 'fr' ? fields.bodyFr : fields.bodyEn;
            return (
              <fieldset key={l} className={card}>
                <legend className="sr-only">{t(`letters.${l}`)}</legend>
                <h2 className="text-base font-semibold text-slate-900" aria-hidden>
                  {t(`letters.${l}`)}
                </h2>
                <div className="mt-3 space-y-4">
                  <Field meta={title} label={t('letters.titleField')} inputProps={{ lang: l }} />
                  <TextareaField
                    meta={body}
                    label={t('letters.body')}
                    hint={t('letters.placeholders', { list: placeholders })}
                    textareaProps={{ rows: 14, lang: l }}
                  />
                </div>
              </fieldset>
            );
          })}
        </div>
        <fieldset className={card} aria-describedby="letters-customers-hint">
          <legend className="sr-only">{t('letters.customers')}</legend>
          <h2 className="text-base font-semibold text-slate-900" aria-hidden>
            {t('letters.customers')}
          </h2>
          <p id="letters-customers-hint" className="mt-1 text-sm text-slate-700">
            {t('letters.customers.hint')}
          </p>
          <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {customers.map((c) => (
              <li key={c.id}>
                <label className="flex items-center gap-2 text-sm text-slate-900">
                  <input
                    type="checkbox"
                    name={fields.required.name}
                    value={c.id}
                    defaultChecked={required.has(c.id)}
                    className="h-4 w-4 accent-brand-700"
                  />
                  {c.name}
                </label>
              </li>
            ))}
          </ul>
          <ErrorList id={fields.required.errorId} errors={fields.required.errors} />
        </fieldset>
        <button type="submit" className={primaryButton} disabled={busy}>
          {t('letters.submit')}
        </button>
      </Form>
    </div>
  );
}
