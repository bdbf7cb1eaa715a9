import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import {
  CsrfInput,
  Field,
  FormErrors,
  SelectField,
  TextareaField,
  inputClass,
} from '~/components/forms/field';
import type { PreviewInvoice } from '~/modules/dunning/step-preview.server';
import type { StepFormInput } from '~/modules/dunning/policy-form.server';
import { DUNNING_CHANNELS, DUNNING_TONES, PLACEHOLDERS } from '~/modules/dunning/types';
import type { Locale, T } from '~/utils/i18n';
import { card, primaryButton, secondaryButton } from './ui';

export const PREVIEW_FRAME = 'step-preview';

type Props = {
  /** A step id, or 'new'. */
  stepKey: string;
  title: string;
  defaultValue: StepFormInput;
  lastResult: SubmissionResult<string[]> | undefined;
  csrf: string;
  busy: boolean;
  /** Where the preview frame posts the form (the preview resource route, with ?lang= kept). */
  previewAction: string;
  /** The frame's first document: the saved step's preview, or a "press Preview" page. */
  previewSrc: string;
  invoices: PreviewInvoice[];
  invoiceId: string | null;
  previewLang: Locale;
  cancelTo: string;
  t: T;
};

function invoiceLabel(i: PreviewInvoice, t: T) {
  const vars = { number: i.number, customer: i.customerName, days: Math.abs(i.daysLate) };
  if (i.daysLate > 0) return t('preview.invoice.late', vars);
  return t(i.daysLate === 0 ? 'preview.invoice.today' : 'preview.invoice.early', vars);
}

/**
 * The step form and its live preview. Without JavaScript the "Preview" button posts the form into the sandboxed
 * frame (its own document, with its own strict policy). With JavaScript the frame follows the edits: after a
 * short pause it is replaced by a fresh one and the form is posted into that (a fresh frame keeps the browser's
 * Back button free of previews).
 */
export function DunningStepEditor(props: Props) {
  const { stepKey, t } = props;
  const formId = `step-${stepKey}`;
  const [form, fields] = useForm<StepFormInput>({
    id: formId,
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    shouldValidate: 'onSubmit',
  });
  const [frame, setFrame] = useState({ key: 0, post: false });
  const timer = useRef<number | undefined>(undefined);

  const refresh = (delay: number) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setFrame((f) => ({ key: f.key + 1, post: true })), delay);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    if (!frame.post) return;
    const source = document.getElementById(formId);
    if (!(source instanceof HTMLFormElement)) return;
    const post = document.createElement('form');
    post.method = 'post';
    post.action = props.previewAction;
    post.target = PREVIEW_FRAME;
    post.hidden = true;
    for (const [name, value] of new FormData(source)) {
      if (typeof value !== 'string' || name === 'intent') continue;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      post.append(input);
    }
    document.body.append(post);
    post.submit();
    post.remove();
  }, [frame, formId, props.previewAction]);

  const previewNow = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    refresh(0);
  };
  const hasErrors =
    props.lastResult?.status === 'error' &&
    Object.values(props.lastResult.error ?? {}).some((e) => e?.length);
  const placeholderList = PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ');

  return (
    <div className="space-y-5">
      <section id="step-editor" aria-labelledby="editor-title" className={`${card} scroll-mt-4`}>
        <h2 id="editor-title" className="text-base font-semibold text-slate-900">
          {props.title}
        </h2>
        <Form
          method="post"
          {...getFormProps(form)}
          preventScrollReset
          onInput={() => refresh(500)}
          className="mt-4 space-y-5"
        >
          <CsrfInput value={props.csrf} />
          <input type="hidden" name="intent" value={stepKey === 'new' ? 'add-step' : 'update-step'} />
          {stepKey !== 'new' ? <input type="hidden" name="stepId" value={stepKey} /> : null}
          <FormErrors
            id={form.errorId}
            errors={hasErrors ? [t('result.error'), ...(form.errors ?? [])] : form.errors}
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              meta={fields.offsetDays}
              label={t('step.offset')}
              inputProps={{
                required: true,
                inputMode: 'numeric',
                autoComplete: 'off',
                // The hint sits under the whole row (it is longer than the field is wide).
                'aria-describedby': [
                  `${formId}-offset-hint`,
                  fields.offsetDays.errors?.length ? fields.offsetDays.errorId : '',
                ]
                  .filter(Boolean)
                  .join(' '),
              }}
            />
            <SelectField meta={fields.channel} label={t('step.channel')} selectProps={{ required: true }}>
              {DUNNING_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField meta={fields.tone} label={t('step.tone')} selectProps={{ required: true }}>
              {DUNNING_TONES.map((tone) => (
                <option key={tone} value={tone}>
                  {t(`tone.${tone}`)}
                </option>
              ))}
            </SelectField>
            <p id={`${formId}-offset-hint`} className="-mt-2 text-xs text-slate-600 sm:col-span-3">
              {t('step.offset.hint')}
            </p>
          </div>
          {(['Fr', 'En'] as const).map((suffix) => (
            <fieldset key={suffix} className="rounded-xl border border-slate-200 p-4">
              <legend className="px-1 text-sm font-semibold text-slate-900">
                {t(suffix === 'Fr' ? 'step.fr' : 'step.en')}
              </legend>
              <div className="space-y-3">
                <Field
                  meta={fields[`subject${suffix}`]}
                  label={t('step.subject')}
                  inputProps={{ required: true, lang: suffix.toLowerCase() }}
                />
                <TextareaField
                  meta={fields[`body${suffix}`]}
                  label={t('step.body')}
                  textareaProps={{ rows: 7, required: true, lang: suffix.toLowerCase() }}
                />
              </div>
            </fieldset>
          ))}
          <p className="break-words text-xs text-slate-600">
            {t('step.placeholders', { list: placeholderList })}
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={primaryButton} disabled={props.busy}>
              {t(stepKey === 'new' ? 'step.create' : 'step.save')}
            </button>
            {props.invoices.length ? (
              <button
                type="submit"
                formAction={props.previewAction}
                formTarget={PREVIEW_FRAME}
                formNoValidate
                onClick={previewNow}
                className={secondaryButton}
              >
                {t('step.preview')}
              </button>
            ) : null}
            <Link
              to={props.cancelTo}
              className="px-1 py-2 text-sm font-medium text-slate-700 underline underline-offset-2"
            >
              {t('step.cancel')}
            </Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="preview-title" className={card}>
        <h2 id="preview-title" className="text-base font-semibold text-slate-900">
          {t('preview.title')}
        </h2>
        {props.invoices.length ? (
          <>
            <p className="mt-1 text-sm text-slate-700">{t('preview.hint')}</p>
            <div className="mt-4 grid gap-4 sm:grid-cols-4">
              <div className="sm:col-span-3">
                <label htmlFor="preview-invoice" className="block text-sm font-medium text-slate-800">
                  {t('preview.invoice')}
                </label>
                <select
                  id="preview-invoice"
                  name="previewInvoiceId"
                  form={formId}
                  defaultValue={props.invoiceId ?? undefined}
                  onChange={() => refresh(0)}
                  className={`mt-1 ${inputClass}`}
                >
                  {props.invoices.map((i) => (
                    <option key={i.id} value={i.id}>
                      {invoiceLabel(i, t)}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="preview-lang" className="block text-sm font-medium text-slate-800">
                  {t('preview.lang')}
                </label>
                <select
                  id="preview-lang"
                  name="previewLang"
                  form={formId}
                  defaultValue={props.previewLang}
                  onChange={() => refresh(0)}
                  className={`mt-1 ${inputClass}`}
                >
                  <option value="fr">{t('lang.fr')}</option>
                  <option value="en">{t('lang.en')}</option>
                </select>
              </div>
            </div>
            <iframe
              key={frame.key}
              name={PREVIEW_FRAME}
              src={frame.key === 0 ? props.previewSrc : undefined}
              sandbox=""
              title={t('preview.frame')}
              className="mt-4 h-[560px] w-full rounded-lg border border-slate-200 bg-slate-50"
            />
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-700">{t('preview.none')}</p>
        )}
      </section>
    </div>
  );
}
