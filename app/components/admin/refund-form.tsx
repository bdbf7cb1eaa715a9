import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { CsrfInput, Field, FormErrors, SelectField } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { REFUND_REASONS } from '~/modules/payments/refund-options';
import type { RefundFormInput } from '~/modules/payments/refund-form.server';
import type { Locale, T } from '~/utils/i18n';
import { minorToDecimal } from '~/utils/money';
import { dangerButton, secondaryButton } from './ui';

/** What the page's action answered to a refund form (runRefundAction's outcome, with the form's intent). */
export type RefundReply = {
  intent?: string | null;
  ok: boolean;
  paymentId?: string;
  requestKey?: string;
  result?: SubmissionResult<string[]>;
};

type RefundFormProps = {
  /** An invoice's payment or a statement payment: what is left to refund, in its currency. */
  payment: { id: string; currency: string; refundableMinor: number };
  locale: Locale;
  /** Has the refund.* messages (adminPayments). */
  t: T;
  csrf: string;
  busy: boolean;
  /** A fresh key per rendering of the page: submitting the form twice refunds once. */
  requestKey: string;
  reply: RefundReply | undefined;
};

/** "Refund" behind a toggle: the amount (all that is left, by default) and an optional reason. */
export function RefundForm({ payment, locale, t, csrf, busy, requestKey, reply }: RefundFormProps) {
  const mine = reply?.intent === 'refund' && reply.paymentId === payment.id;
  const failed = mine && !reply.ok;
  const refundable = minorToDecimal(payment.refundableMinor, payment.currency);
  const [form, fields] = useForm<RefundFormInput>({
    id: `refund-${payment.id}`,
    lastResult: failed ? reply.result : undefined,
    defaultValue: { amount: locale === 'fr' ? refundable.replace('.', ',') : refundable },
    shouldValidate: 'onSubmit',
  });
  return (
    <details className="group open:w-full" open={failed || undefined}>
      <summary className={`${secondaryButton} cursor-pointer list-none py-1.5 group-open:mb-3`}>
        {t('refund.toggle')}
      </summary>
      <Form method="post" {...getFormProps(form)} className="space-y-3 rounded-lg bg-slate-50 p-3">
        <p className="text-sm font-semibold text-slate-900">{t('refund.title')}</p>
        <p className="text-sm text-slate-700">
          {t('refund.hint', { amount: money(payment.refundableMinor, payment.currency, locale) })}
        </p>
        <CsrfInput value={csrf} />
        <input type="hidden" name="intent" value="refund" />
        <input type="hidden" name="paymentId" value={payment.id} />
        <input type="hidden" name="requestKey" value={(failed && reply.requestKey) || requestKey} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            meta={fields.amount}
            label={`${t('refund.amount')} (${payment.currency})`}
            inputProps={{ inputMode: 'decimal', required: true, className: 'text-right tabular-nums' }}
          />
          <SelectField meta={fields.reason} label={`${t('refund.reason')} (${t('form.optional')})`}>
            <option value="">{t('refund.reason.none')}</option>
            {REFUND_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`refund.reason.${r}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <button type="submit" className={dangerButton} disabled={busy}>
          {t('refund.submit')}
        </button>
      </Form>
    </details>
  );
}
