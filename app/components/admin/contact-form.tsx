import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { CsrfInput, ErrorList, Field, FormErrors } from '~/components/forms/field';
import type { ContactFormInput } from '~/modules/customers/contact-form.server';
import { CONTACT_ROLES } from '~/modules/customers/contact-roles';
import type { T } from '~/utils/i18n';
import { dangerButton, primaryButton, secondaryButton } from './ui';

type Contact = { id: string; name: string; email: string; phone: string | null; roles: string[] };

/** One contact's form (or the "add" form when `contact` is null), with its roles as a group of checkboxes. */
export function ContactForm(props: {
  contact: Contact | null;
  csrf: string;
  busy: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  t: T;
}) {
  const { contact, csrf, busy, t } = props;
  const id = contact ? `contact-${contact.id}` : 'contact-new';
  const [form, fields] = useForm<ContactFormInput>({
    id,
    lastResult: props.lastResult,
    defaultValue: contact
      ? {
          name: contact.name,
          email: contact.email,
          phone: contact.phone ?? '',
          roles: contact.roles as never,
        }
      : { roles: [] },
    shouldValidate: 'onSubmit',
  });
  const chosen = (fields.roles.initialValue as string[] | string | undefined) ?? [];
  return (
    <div className="space-y-3">
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <CsrfInput value={csrf} />
        <input type="hidden" name="intent" value="save" />
        {contact ? <input type="hidden" name="contactId" value={contact.id} /> : null}
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Field
            meta={fields.name}
            label={t('contact.name')}
            inputProps={{ required: true, autoComplete: 'off' }}
          />
          <Field
            meta={fields.email}
            type="email"
            label={t('contact.email')}
            inputProps={{ required: true, autoComplete: 'off' }}
          />
          <Field
            meta={fields.phone}
            label={t('contact.phone')}
            inputProps={{ type: 'tel', autoComplete: 'off' }}
          />
        </div>
        <fieldset aria-describedby={fields.roles.errors?.length ? fields.roles.errorId : undefined}>
          <legend className="text-sm font-medium text-slate-800">{t('contact.roles')}</legend>
          <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
            {CONTACT_ROLES.map((role) => (
              <label key={role} className="flex items-center gap-2 text-sm text-slate-900">
                <input
                  type="checkbox"
                  name={fields.roles.name}
                  value={role}
                  defaultChecked={chosen.includes(role)}
                  className="h-4 w-4 accent-brand-700"
                />
                {t(`role.${role}`)}
              </label>
            ))}
          </div>
          <ErrorList id={fields.roles.errorId} errors={fields.roles.errors} />
        </fieldset>
        <button type="submit" className={contact ? secondaryButton : primaryButton} disabled={busy}>
          {contact ? t('contact.save') : t('contact.add')}
        </button>
      </Form>
      {contact ? (
        <Form method="post">
          <CsrfInput value={csrf} />
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="contactId" value={contact.id} />
          <button type="submit" className={dangerButton} disabled={busy}>
            {t('contact.remove', { name: contact.name })}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
