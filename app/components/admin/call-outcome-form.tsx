import { getFormProps, useForm } from '@conform-to/react';
import { Form } from '@remix-run/react';
import {
  CsrfInput,
  ErrorList,
  Field,
  FormErrors,
  SelectField,
  TextareaField,
} from '~/components/forms/field';
import type { CallOutcomeFormInput } from '~/modules/tasks/call-outcome-form.server';
import type { TaskActionReply } from '~/modules/tasks/task-action.server';
import { DISPUTE_REASONS, PROMISE_REASONS } from '~/modules/tasks/task-kinds';
import { formatDate, type Locale, type T } from '~/utils/i18n';
import { card, primaryButton } from './ui';

type Props = {
  csrf: string;
  busy: boolean;
  reply: TaskActionReply | undefined;
  today: string;
  latestPromise: string;
  dueOn: string;
  previousNotes: string | null;
  locale: Locale;
  t: T;
};

/** What the call gave: reached or not, a promised date, a dispute, notes. One POST does it all. */
export function CallOutcomeForm({
  csrf,
  busy,
  reply,
  today,
  latestPromise,
  dueOn,
  previousNotes,
  locale,
  t,
}: Props) {
  const [form, fields] = useForm<CallOutcomeFormInput>({
    id: 'outcome',
    lastResult: reply?.result,
    shouldValidate: 'onSubmit',
  });
  const hasErrors =
    reply?.result?.status === 'error' && Object.values(reply.result.error ?? {}).some((e) => e?.length);
  const reachedError = fields.reached.errors?.length ? fields.reached.errorId : undefined;
  return (
    <section aria-labelledby="outcome-title" className={card}>
      <h2 id="outcome-title" className="text-base font-semibold text-slate-900">
        {t('outcome.title')}
      </h2>
      {previousNotes ? (
        <p className="mt-2 whitespace-pre-line rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700">
          {previousNotes}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <CsrfInput value={csrf} />
        <input type="hidden" name="intent" value="outcome" />
        <input type="hidden" name="expectedDueOn" value={dueOn} />
        <FormErrors
          id={form.errorId}
          errors={hasErrors ? [t('result.error'), ...(form.errors ?? [])] : form.errors}
        />
        <fieldset aria-describedby={reachedError}>
          <legend className="text-sm font-medium text-slate-800">{t('outcome.reached')}</legend>
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            {(['yes', 'no'] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-sm text-slate-900">
                <input
                  type="radio"
                  name={fields.reached.name}
                  value={value}
                  required
                  defaultChecked={fields.reached.initialValue === value}
                  className="h-4 w-4 accent-brand-700"
                />
                {t(`outcome.reached.${value}`)}
              </label>
            ))}
          </div>
          <ErrorList id={fields.reached.errorId} errors={fields.reached.errors} />
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            meta={fields.promisedDate}
            type="date"
            label={`${t('outcome.promisedDate')} (${t('form.optional')})`}
            hint={t('outcome.promisedDate.hint', { date: formatDate(latestPromise, locale) })}
            inputProps={{ min: today, max: latestPromise }}
          />
          <SelectField
            meta={fields.promiseReason}
            label={`${t('outcome.promiseReason')} (${t('form.optional')})`}
          >
            <option value="">{t('outcome.promiseReason.none')}</option>
            {PROMISE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reason.${r}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            meta={fields.disputeReason}
            label={`${t('outcome.disputeReason')} (${t('form.optional')})`}
            hint={t('outcome.disputeReason.hint')}
            className="sm:col-span-2"
          >
            <option value="">{t('outcome.disputeReason.none')}</option>
            {DISPUTE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`dispute.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextareaField
            meta={fields.notes}
            label={`${t('outcome.notes')} (${t('form.optional')})`}
            hint={t('outcome.notes.hint')}
            className="sm:col-span-2"
            textareaProps={{ rows: 4, maxLength: 2000 }}
          />
        </div>
        <button type="submit" className={primaryButton} disabled={busy}>
          {t('outcome.submit')}
        </button>
      </Form>
    </section>
  );
}

/** Tasks other than calls: done, with an optional note. */
export function CompleteTaskForm({
  csrf,
  busy,
  reply,
  t,
}: {
  csrf: string;
  busy: boolean;
  reply: TaskActionReply | undefined;
  t: T;
}) {
  const [form, fields] = useForm<{ notes: string }>({
    id: 'complete',
    lastResult: reply?.result,
    shouldValidate: 'onSubmit',
  });
  return (
    <section aria-labelledby="complete-title" className={card}>
      <h2 id="complete-title" className="text-base font-semibold text-slate-900">
        {t('complete.title')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <CsrfInput value={csrf} />
        <input type="hidden" name="intent" value="complete" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField
          meta={fields.notes}
          label={`${t('outcome.notes')} (${t('form.optional')})`}
          textareaProps={{ rows: 3, maxLength: 2000 }}
        />
        <button type="submit" className={primaryButton} disabled={busy}>
          {t('complete.submit')}
        </button>
      </Form>
    </section>
  );
}
