import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { payButton } from '~/components/invoice/amount-form';
import { CsrfInput, Field, FormErrors, SelectField, TextareaField } from '~/components/forms/field';
import { formatDate, type Locale, type T } from '~/utils/i18n';

const REASONS = ['cash_flow', 'awaiting_approval', 'invoice_not_received', 'other'] as const;

type PromiseFields = { promisedDate: string; amount: string; reason: string; note: string };

/**
 * "I will pay on ...": the date (today to the business's limit), an optional amount, reason and note. The server
 * checks everything again and answers a bad value beside its field; this form only helps (min / max on the date).
 */
export function PromiseForm(props: {
  id: string;
  lastResult?: SubmissionResult<string[]> | null;
  csrf: string;
  today: string;
  latest: string;
  currency: string;
  balanceText: string;
  businessName: string;
  locale: Locale;
  t: T;
  submitLabel?: string;
}) {
  const { id, lastResult, csrf, today, latest, currency, balanceText, businessName, locale, t } = props;
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<PromiseFields>({ id, lastResult, shouldValidate: 'onSubmit' });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <CsrfInput value={csrf} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        meta={fields.promisedDate}
        type="date"
        label={t('promise.date.label')}
        hint={t('promise.date.hint', { date: formatDate(latest, locale) })}
        inputProps={{ min: today, max: latest, required: true, className: 'sm:w-56' }}
      />
      <Field
        meta={fields.amount}
        label={t('promise.amount.label', { currency })}
        hint={t('promise.amount.hint', { amount: balanceText })}
        inputProps={{ inputMode: 'decimal', autoComplete: 'off', className: 'sm:w-56' }}
      />
      <SelectField
        meta={fields.reason}
        label={t('promise.reason.legend')}
        selectProps={{ className: 'sm:w-80' }}
      >
        <option value="">—</option>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`promise.reason.${r}`)}
          </option>
        ))}
      </SelectField>
      <TextareaField meta={fields.note} label={t('promise.note.label', { business: businessName })} />
      <button type="submit" aria-disabled={busy || undefined} className={payButton}>
        {props.submitLabel ?? t('promise.submit')}
      </button>
    </Form>
  );
}
