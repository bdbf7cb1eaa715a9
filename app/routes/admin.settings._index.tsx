import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import { SettingsLinks } from '~/components/admin/settings-links';
import { card, pageTitle, primaryButton, secondaryButton } from '~/components/admin/ui';
import { useAdmin } from '~/components/admin/use-admin';
import { VatExemptionOptions } from '~/components/admin/vat-exemption-options';
import { CsrfInput, Field, FormErrors, SelectField } from '~/components/forms/field';
import { adminSettings } from '~/i18n/admin-settings';
import { requireOwnerPost } from '~/modules/auth/admin-request.server';
import { loadBusinessSettings } from '~/modules/settings/business-settings.server';
import {
  discardBody,
  LOGO_MAX_BYTES,
  LOGO_MAX_REQUEST_BYTES,
  removeLogo,
  saveLogo,
  sniffLogo,
} from '~/modules/settings/logo.server';
import { saveBusinessSettings } from '~/modules/settings/save-business-settings.server';
import { businessSettingsSchema } from '~/modules/settings/settings-form.server';
import { db } from '~/utils/db.server';
import { pickLocale, translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) =>
  sectionTitle(matches, [adminSettings], 'settings.hub.title');

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { ...(await loadBusinessSettings(db(), user.businessId)), isOwner: user.role === 'owner' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Staff are refused before the body is read; an oversized upload is refused before it is buffered.
  await requireUser(request, { role: 'owner' });
  const t = translator(pickLocale(request), adminSettings);
  const length = Number(request.headers.get('content-length') ?? NaN);
  if (!Number.isFinite(length) || length > LOGO_MAX_REQUEST_BYTES) {
    await discardBody(request);
    return data(
      { intent: 'logo', ok: false, message: t('logo.tooBig'), result: undefined },
      { status: 413, headers: { Connection: 'close' } },
    );
  }
  const { user, form, actor, locale } = await requireOwnerPost(request, context);
  const intent = form.get('intent');
  if (intent === 'logo') {
    const file = form.get('logo');
    if (!(file instanceof File) || file.size === 0) {
      return data({ intent, ok: false, message: t('logo.missing'), result: undefined }, { status: 400 });
    }
    if (file.size > LOGO_MAX_BYTES) {
      return data({ intent, ok: false, message: t('logo.tooBig'), result: undefined }, { status: 400 });
    }
    const bytes = Buffer.from(await file.arrayBuffer());
    const contentType = sniffLogo(bytes);
    if (!contentType) {
      return data({ intent, ok: false, message: t('logo.badType'), result: undefined }, { status: 400 });
    }
    await saveLogo(db(), { businessId: user.businessId, bytes, contentType, actor });
    return { intent, ok: true, message: t('logo.saved'), result: undefined };
  }
  if (intent === 'remove-logo') {
    await removeLogo(db(), { businessId: user.businessId, actor });
    return { intent, ok: true, message: t('logo.removed'), result: undefined };
  }
  const submission = parseWithZod(form, { schema: businessSettingsSchema(locale) });
  if (submission.status !== 'success') {
    return data(
      { intent: 'settings', ok: false, message: t('settings.invalid'), result: submission.reply() },
      { status: 400 },
    );
  }
  const { changed } = await saveBusinessSettings(db(), {
    businessId: user.businessId,
    value: submission.value,
    actor,
  });
  return {
    intent: 'settings',
    ok: true,
    message: t(changed.length ? 'settings.saved' : 'settings.unchanged'),
    result: submission.reply(),
  };
}

export const ErrorBoundary = AdminErrorBoundary;

const SECTIONS = [
  {
    id: 'identity',
    fields: [
      'name',
      'legalForm',
      'siren',
      'vatNumber',
      'addressLine1',
      'addressLine2',
      'postalCode',
      'city',
      'country',
      'email',
      'phone',
    ],
  },
  { id: 'bank', fields: ['iban', 'bic'] },
  { id: 'terms', fields: ['defaultTermsDays', 'penaltyRate', 'defaultVatExemption'] },
  { id: 'email', fields: ['emailFromName', 'emailReplyTo'] },
] as const;

const LABELS: Record<string, string> = {
  email: 'field.emailLabel',
  iban: 'field.ibanLabel',
  bic: 'field.bicLabel',
};
const HINTS: Record<string, string> = {
  penaltyRate: 'field.penaltyRate.hint',
  defaultVatExemption: 'field.defaultVatExemption.hint',
  emailFromName: 'field.emailFromName.hint',
  emailReplyTo: 'field.emailReplyTo.hint',
};
const INPUT: Record<string, { type?: 'email'; inputMode?: 'numeric' | 'decimal'; autoComplete?: string }> = {
  name: { autoComplete: 'organization' },
  email: { type: 'email', autoComplete: 'email' },
  emailReplyTo: { type: 'email' },
  defaultTermsDays: { inputMode: 'numeric' },
  penaltyRate: { inputMode: 'decimal' },
  postalCode: { autoComplete: 'postal-code' },
  city: { autoComplete: 'address-level2' },
  addressLine1: { autoComplete: 'address-line1' },
  addressLine2: { autoComplete: 'address-line2' },
  phone: { autoComplete: 'tel' },
};

export default function SettingsHub() {
  const { values, logoUrl, isOwner } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { t } = useSectionT(adminSettings);
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm({
    id: 'business-settings',
    lastResult: reply?.intent === 'settings' ? reply.result : undefined,
    defaultValue: values,
    shouldValidate: 'onSubmit',
  });

  return (
    <div className="space-y-5">
      <h1 className={pageTitle}>{t('settings.hub.title')}</h1>
      {isOwner ? null : (
        <p
          role="note"
          className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        >
          {t('settings.readOnly')}
        </p>
      )}
      {reply?.message ? <ActionReply reply={reply} /> : null}
      <SettingsLinks isOwner={isOwner} />

      <Form method="post" {...getFormProps(form)} className="space-y-5">
        <CsrfInput value={csrf} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset disabled={!isOwner} className="space-y-5">
          {SECTIONS.map((section) => (
            <section key={section.id} aria-labelledby={`${section.id}-title`} className={card}>
              <h2 id={`${section.id}-title`} className="text-lg font-semibold text-slate-900">
                {t(`settings.${section.id}`)}
              </h2>
              <div className="mt-4 grid gap-4 sm:grid-cols-2">
                {section.fields.map((name) => {
                  if (name === 'defaultVatExemption') {
                    return (
                      <SelectField
                        key={name}
                        meta={fields[name]}
                        label={t(`field.${name}`)}
                        hint={t(HINTS[name]!)}
                        className="sm:col-span-2"
                      >
                        <VatExemptionOptions t={t} />
                      </SelectField>
                    );
                  }
                  const { type, ...inputProps } = INPUT[name] ?? {};
                  return (
                    <Field
                      key={name}
                      meta={fields[name]}
                      type={type}
                      label={t(LABELS[name] ?? `field.${name}`)}
                      hint={HINTS[name] ? t(HINTS[name]) : undefined}
                      inputProps={inputProps}
                    />
                  );
                })}
              </div>
            </section>
          ))}
        </fieldset>
        {isOwner ? (
          <button type="submit" className={primaryButton} disabled={busy}>
            {t('settings.save')}
          </button>
        ) : null}
      </Form>

      <section aria-labelledby="logo-title" className={card}>
        <h2 id="logo-title" className="text-lg font-semibold text-slate-900">
          {t('logo.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t('logo.hint')}</p>
        {logoUrl ? (
          <img src={logoUrl} alt={t('logo.current')} className="mt-4 h-16 w-auto max-w-xs object-contain" />
        ) : (
          <p className="mt-4 text-sm text-slate-700">{t('logo.none')}</p>
        )}
        {isOwner ? (
          <div className="mt-4 flex flex-wrap items-end gap-3">
            <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
              <CsrfInput value={csrf} />
              <input type="hidden" name="intent" value="logo" />
              <div>
                <label htmlFor="logo-file" className="block text-sm font-medium text-slate-800">
                  {t('logo.file')}
                </label>
                <input
                  id="logo-file"
                  name="logo"
                  type="file"
                  accept="image/png,image/jpeg"
                  required
                  className="mt-1 block text-sm text-slate-800"
                />
              </div>
              <button type="submit" className={secondaryButton} disabled={busy}>
                {t('logo.upload')}
              </button>
            </Form>
            {logoUrl ? (
              <Form method="post">
                <CsrfInput value={csrf} />
                <input type="hidden" name="intent" value="remove-logo" />
                <button type="submit" className={secondaryButton} disabled={busy}>
                  {t('logo.remove')}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}
