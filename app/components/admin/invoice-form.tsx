import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form, Link, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import {
  CheckboxField,
  CsrfInput,
  Field,
  FormErrors,
  SelectField,
  TextareaField,
} from '~/components/forms/field';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { INVOICE_CURRENCIES } from '~/modules/invoices/form-options';
import { translator } from '~/utils/i18n';
import type { InvoiceFormInput } from '~/modules/invoices/invoice-form.server';
import { InvoiceLinesEditor } from './invoice-lines-editor';
import { TotalsPreview } from './totals-preview';
import { VatExemptionOptions } from './vat-exemption-options';
import { card, primaryButton, secondaryButton } from './ui';
import { useAdmin, useAdminT, useLangLink } from './use-admin';

type Props = {
  customers: {
    id: string;
    name: string;
    termsDays: number;
    currency: string | null;
    creditPolicy: string;
    depositPercent: number;
  }[];
  defaultTermsDays: number;
  defaultValue: {
    currency: string;
    issueDate: string;
    dueDate: string;
    lines: { quantity: string; taxRate: string }[];
    vatExemption: string;
  };
  lastResult: SubmissionResult<string[]> | undefined;
};

/** YYYY-MM-DD plus whole days, in UTC so no time zone shifts the date. */
function addDays(iso: string, days: number): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/**
 * The new-invoice form. Validation happens on the server (the schema never ships to the browser); adding and
 * removing lines are conform intent buttons, so they work without JavaScript too. With JavaScript, the due date
 * follows the chosen customer's terms until someone edits it by hand, and totals are previewed as you type.
 */
export function InvoiceForm({ customers, defaultTermsDays, defaultValue, lastResult }: Props) {
  const { csrf } = useAdmin();
  const { locale, t } = useAdminT();
  const lang = useLangLink();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  const dueEdited = useRef(false);
  const [form, fields] = useForm<InvoiceFormInput>({
    id: 'invoice',
    lastResult,
    defaultValue,
    shouldValidate: 'onSubmit',
  });
  // Echoed back after a failed save: a currency we do not offer (typed by hand) must not reach Intl, which throws.
  const typedCurrency = String(form.value?.currency ?? '');
  const shownCurrency = (INVOICE_CURRENCIES as readonly string[]).includes(typedCurrency)
    ? typedCurrency
    : String(defaultValue.currency);
  const hasErrors =
    lastResult?.status === 'error' && Object.values(lastResult.error ?? {}).some((e) => e?.length);

  const chosen = customers.find((c) => c.id === String(form.value?.customerId ?? ''));
  const policyNote =
    chosen?.creditPolicy === 'deposit_required'
      ? translator(locale, adminCustomerForm)('credit.applied.deposit', { percent: chosen.depositPercent })
      : chosen?.creditPolicy === 'prepay_only'
        ? translator(locale, adminCustomerForm)('credit.applied.prepay')
        : '';
  const chooseCustomer = (customerId: string) => {
    const currency = customers.find((c) => c.id === customerId)?.currency;
    const due = followTerms(String(form.value?.issueDate ?? ''), customerId);
    if (!currency) return;
    if (due) afterUpdate.current = { dueDate: due, update: { name: fields.currency.name, value: currency } };
    else form.update({ name: fields.currency.name, value: currency });
  };

  // Without client validation, each conform update is a round trip (the action answers the form as updated), and
  // one sent before the previous answer is on the page undoes it: the currency waits for the new due date.
  const afterUpdate = useRef<{ dueDate: string; update: { name: string; value: string } } | null>(null);
  const shownDue = form.value?.dueDate;
  useEffect(() => {
    const next = afterUpdate.current;
    if (!next || navigation.state !== 'idle' || shownDue !== next.dueDate) return;
    afterUpdate.current = null;
    form.update(next.update);
  }, [navigation.state, shownDue, form]);

  // Choosing why no VAT is charged sets every line to 0 % (the server refuses a mention on a taxed line anyway),
  // in one update: conform applies each update to the state it started from, so one per line would keep the last.
  const untaxLines = () => {
    const lines = fields.lines.getFieldList().map((line) => ({ ...line.value, taxRate: '0' }));
    form.update({ name: fields.lines.name, value: lines });
  };

  /** Moves the due date to the customer's terms (until someone edits it by hand): the date it asked for, if any. */
  const followTerms = (issueDate: string | undefined, customerId: string | undefined) => {
    if (dueEdited.current || !issueDate) return null;
    const terms = customers.find((c) => c.id === customerId)?.termsDays ?? defaultTermsDays;
    const due = addDays(issueDate, terms);
    const changed = due && due !== form.value?.dueDate ? due : null;
    if (changed) form.update({ name: fields.dueDate.name, value: changed });
    return changed;
  };

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-5">
      {/* Enter in a field presses the form's first submit button: make it "save", not "remove line 1". */}
      <button type="submit" className="hidden" tabIndex={-1} aria-hidden />
      <CsrfInput value={csrf} />
      <FormErrors
        id={form.errorId}
        errors={hasErrors ? [t('form.errorSummary'), ...(form.errors ?? [])] : form.errors}
      />

      <section aria-labelledby="customer-title" className={card}>
        <h2 id="customer-title" className="text-base font-semibold text-slate-900">
          {t('new.section.customer')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <SelectField
            meta={fields.customerId}
            label={t('new.customer')}
            className="sm:col-span-2"
            selectProps={{
              required: true,
              onChange: (e) => chooseCustomer(e.currentTarget.value),
            }}
            hint={<span aria-live="polite">{policyNote}</span>}
          >
            <option value="">{t('new.customer.choose')}</option>
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <SelectField meta={fields.currency} label={t('new.currency')} selectProps={{ required: true }}>
            {INVOICE_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </SelectField>
          <div className="hidden lg:block" />
          <Field
            meta={fields.issueDate}
            type="date"
            label={t('new.issueDate')}
            inputProps={{
              required: true,
              onChange: (e) => followTerms(e.currentTarget.value, String(form.value?.customerId ?? '')),
            }}
          />
          <Field
            meta={fields.dueDate}
            type="date"
            label={t('new.dueDate')}
            hint={t('new.dueDate.hint')}
            className="lg:col-span-2"
            inputProps={{ required: true, onInput: () => (dueEdited.current = true) }}
          />
        </div>
      </section>

      <section aria-labelledby="lines-title" className={card}>
        <h2 id="lines-title" className="text-base font-semibold text-slate-900">
          {t('new.section.lines')}
        </h2>
        <InvoiceLinesEditor
          form={form}
          lines={fields.lines}
          currency={shownCurrency}
          defaultTaxRate={form.value?.vatExemption ? '0' : '20'}
        />
        <TotalsPreview
          lines={Array.isArray(form.value?.lines) ? form.value.lines : []}
          currency={shownCurrency}
          locale={locale}
          t={t}
        />
        <SelectField
          meta={fields.vatExemption}
          label={t('new.vatExemption')}
          hint={t('new.vatExemption.hint')}
          className="mt-4 max-w-xl"
          selectProps={{ onChange: (e) => e.currentTarget.value && untaxLines() }}
        >
          <VatExemptionOptions t={t} />
        </SelectField>
      </section>

      <section aria-labelledby="other-title" className={card}>
        <h2 id="other-title" className="text-base font-semibold text-slate-900">
          {t('new.section.other')}
        </h2>
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <Field
            meta={fields.purchaseOrder}
            label={`${t('new.purchaseOrder')} (${t('form.optional')})`}
            inputProps={{ maxLength: 100 }}
          />
          <Field
            meta={fields.deliveryDate}
            type="date"
            label={`${t('new.deliveryDate')} (${t('form.optional')})`}
            hint={t('new.deliveryDate.hint')}
          />
          <TextareaField
            meta={fields.notes}
            label={`${t('new.notes')} (${t('form.optional')})`}
            className="sm:col-span-2"
          />
          <CheckboxField
            meta={fields.acceptanceRequired}
            label={t('new.acceptance')}
            hint={t('new.acceptance.hint')}
            className="sm:col-span-2"
          />
        </div>
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primaryButton} disabled={busy}>
          {t('new.submit')}
        </button>
        <Link to={lang('/admin/invoices')} className={secondaryButton}>
          {t('new.cancel')}
        </Link>
      </div>
    </Form>
  );
}
