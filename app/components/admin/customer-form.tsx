import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { CsrfInput, Field, FormErrors, SelectField, TextareaField } from '~/components/forms/field';
import { INVOICE_CURRENCIES } from '~/modules/invoices/form-options';
import type { CustomerFormInput } from '~/modules/customers/customer-form.server';
import type { T } from '~/utils/i18n';
import { card, primaryButton } from './ui';
import { useAdmin } from './use-admin';

type Props = {
  defaultValue: Partial<CustomerFormInput>;
  lastResult: SubmissionResult<string[]> | undefined;
  businessCurrency: string;
  businessTermsDays: number;
  submitLabel: string;
  t: T;
};

/** A customer's identity, address, language, currency and terms: the create and edit pages' form. */
export function CustomerForm({
  defaultValue,
  lastResult,
  businessCurrency,
  businessTermsDays,
  submitLabel,
  t,
}: Props) {
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<CustomerFormInput>({
    id: 'customer',
    lastResult,
    defaultValue,
    shouldValidate: 'onSubmit',
  });
  const section = 'text-base font-semibold text-slate-900';
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      <CsrfInput value={csrf} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <section aria-labelledby="identity-title" className={card}>
        <h2 id="identity-title" className={section}>
          {t('cf.identity')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field
            meta={fields.name}
            label={t('cf.name')}
            inputProps={{ required: true, autoComplete: 'off' }}
          />
          <Field meta={fields.legalName} label={t('cf.legalName')} inputProps={{ autoComplete: 'off' }} />
          <Field
            meta={fields.siren}
            label={t('cf.siren')}
            inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
          />
          <Field meta={fields.vatNumber} label={t('cf.vatNumber')} inputProps={{ autoComplete: 'off' }} />
        </div>
      </section>
      <section aria-labelledby="address-title" className={card}>
        <h2 id="address-title" className={section}>
          {t('cf.address')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field meta={fields.addressLine1} label={t('cf.addressLine1')} className="sm:col-span-2" />
          <Field meta={fields.addressLine2} label={t('cf.addressLine2')} className="sm:col-span-2" />
          <Field meta={fields.postalCode} label={t('cf.postalCode')} />
          <Field meta={fields.city} label={t('cf.city')} />
          <Field
            meta={fields.country}
            label={t('cf.country')}
            inputProps={{ required: true, maxLength: 2 }}
          />
        </div>
      </section>
      <section aria-labelledby="terms-title" className={card}>
        <h2 id="terms-title" className={section}>
          {t('cf.terms.section')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <SelectField meta={fields.locale} label={t('cf.locale')}>
            <option value="fr">{t('cf.locale.fr')}</option>
            <option value="en">{t('cf.locale.en')}</option>
          </SelectField>
          <SelectField meta={fields.currency} label={t('cf.currency')}>
            <option value="">{t('cf.currency.default', { currency: businessCurrency })}</option>
            {INVOICE_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <Field
            meta={fields.termsDays}
            label={t('cf.termsDays')}
            hint={t('cf.termsDays.hint', { days: businessTermsDays })}
            inputProps={{ inputMode: 'numeric' }}
          />
          <Field
            meta={fields.depositPercent}
            label={t('cf.depositPercent')}
            hint={t('cf.depositPercent.hint')}
            inputProps={{ inputMode: 'numeric', required: true }}
          />
          <TextareaField meta={fields.notes} label={t('cf.notes')} className="sm:col-span-2" />
        </div>
      </section>
      <button type="submit" className={primaryButton} disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
