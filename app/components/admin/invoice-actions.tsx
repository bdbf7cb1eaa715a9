import { getFormProps, useForm } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { CsrfInput, Field, FormErrors, SelectField, TextareaField } from '~/components/forms/field';
import type { InvoiceActionReply } from '~/modules/invoices/admin-invoice-actions.server';
import { OFFLINE_METHODS } from '~/modules/invoices/form-options';
import type {
  OfflinePaymentFormInput,
  ReasonFormInput,
} from '~/modules/invoices/invoice-actions-form.server';
import type { T } from '~/utils/i18n';
import { card, dangerButton, primaryButton, secondaryButton } from './ui';
import { useAdmin } from './use-admin';

type Props = {
  status: string;
  liveLinks: number;
  currency: string;
  balanceDecimal: string;
  today: string;
  requestKey: string;
  reply: InvoiceActionReply | undefined;
  t: T;
};

function Intent({ value }: { value: string }) {
  return <input type="hidden" name="intent" value={value} />;
}

const heading = 'text-base font-semibold text-slate-900';
const hint = 'mt-1 text-sm text-slate-700';

/** Every action the invoice's state allows, each its own POST form with the CSRF token and an `intent`. */
export function InvoiceActions(props: Props) {
  const { status, liveLinks, t } = props;
  const { csrf } = useAdmin();
  const busy = useNavigation().state === 'submitting';

  return (
    <div className="space-y-5">
      {status === 'draft' ? (
        <section aria-labelledby="issue-title" className={card}>
          <h2 id="issue-title" className={heading}>
            {t('actions.issue')}
          </h2>
          <p className={hint}>{t('actions.issue.hint')}</p>
          <Form method="post" className="mt-4">
            <CsrfInput value={csrf} />
            <Intent value="issue" />
            <button type="submit" className={primaryButton} disabled={busy}>
              {t('actions.issue')}
            </button>
          </Form>
        </section>
      ) : (
        <section aria-labelledby="links-title" className={card}>
          <h2 id="links-title" className={heading}>
            {t('actions.links')}
          </h2>
          <p className="mt-1 text-sm font-medium text-slate-800">
            {liveLinks === 0
              ? t('detail.links.live.zero')
              : t(liveLinks === 1 ? 'detail.links.live.one' : 'detail.links.live.other', {
                  count: liveLinks,
                })}
          </p>
          <p className={hint}>{t('actions.rotate.hint')}</p>
          <Form method="post" className="mt-3 space-y-3">
            <CsrfInput value={csrf} />
            <Intent value="rotate" />
            <div className="flex items-start gap-3">
              <input
                id="rotate-send"
                name="sendEmail"
                type="checkbox"
                className="mt-0.5 h-5 w-5 accent-brand-700"
              />
              <label htmlFor="rotate-send" className="text-sm text-slate-800">
                {t('actions.rotate.send')}
              </label>
            </div>
            <button type="submit" className={secondaryButton} disabled={busy}>
              {t('actions.rotate')}
            </button>
          </Form>
          {liveLinks > 0 ? (
            <Form method="post" className="mt-4 border-t border-slate-200 pt-4">
              <CsrfInput value={csrf} />
              <Intent value="revoke" />
              <p className="text-sm text-slate-700">{t('actions.revoke.hint')}</p>
              <button type="submit" className={`${dangerButton} mt-3`} disabled={busy}>
                {t('actions.revoke')}
              </button>
            </Form>
          ) : null}
        </section>
      )}
      {status === 'open' || status === 'uncollectible' ? (
        // A written-off debt can still be paid after all (a late transfer): recording it settles the invoice.
        <PaymentForm key={props.requestKey} {...props} csrf={csrf} busy={busy} />
      ) : null}
      {status === 'open' ? (
        <>
          <ReasonForm {...props} intent="void" keys="void" csrf={csrf} busy={busy} />
          <ReasonForm {...props} intent="write-off" keys="writeOff" csrf={csrf} busy={busy} />
        </>
      ) : null}
      {status === 'uncollectible' ? (
        <section aria-labelledby="undo-write-off-title" className={card}>
          <h2 id="undo-write-off-title" className={heading}>
            {t('actions.undoWriteOff')}
          </h2>
          <p className={hint}>{t('actions.undoWriteOff.hint')}</p>
          <Form method="post" className="mt-4">
            <CsrfInput value={csrf} />
            <Intent value="undo-write-off" />
            <button type="submit" className={secondaryButton} disabled={busy}>
              {t('actions.undoWriteOff')}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

type FormProps = Props & { csrf: string; busy: boolean };

function PaymentForm({ currency, balanceDecimal, today, requestKey, reply, t, csrf, busy }: FormProps) {
  const [form, fields] = useForm<OfflinePaymentFormInput>({
    id: 'payment',
    lastResult: reply?.intent === 'payment' && !reply.ok ? reply.result : undefined,
    defaultValue: { amount: balanceDecimal, receivedOn: today, method: 'bank_transfer' },
    shouldValidate: 'onSubmit',
  });
  return (
    <section aria-labelledby="payment-title" className={card}>
      <h2 id="payment-title" className={heading}>
        {t('actions.payment')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <CsrfInput value={csrf} />
        <Intent value="payment" />
        <input type="hidden" name="requestKey" value={requestKey} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-1">
          <Field
            meta={fields.amount}
            label={`${t('actions.payment.amount')} (${currency})`}
            inputProps={{ inputMode: 'decimal', required: true, className: 'text-right tabular-nums' }}
          />
          <Field
            meta={fields.receivedOn}
            type="date"
            label={t('actions.payment.date')}
            inputProps={{ required: true, max: today }}
          />
          <SelectField meta={fields.method} label={t('actions.payment.method')}>
            {OFFLINE_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`method.${m}`)}
              </option>
            ))}
          </SelectField>
          <Field
            meta={fields.reference}
            label={`${t('actions.payment.reference')} (${t('form.optional')})`}
            inputProps={{ maxLength: 200 }}
          />
        </div>
        <button type="submit" className={primaryButton} disabled={busy}>
          {t('actions.payment.submit')}
        </button>
      </Form>
    </section>
  );
}

/** Void or write off: a danger step whose only field is its reason. `keys` names its messages (actions.<keys>.*). */
function ReasonForm({
  intent,
  keys,
  reply,
  t,
  csrf,
  busy,
}: FormProps & { intent: 'void' | 'write-off'; keys: 'void' | 'writeOff' }) {
  const [form, fields] = useForm<ReasonFormInput>({
    id: intent,
    lastResult: reply?.intent === intent && !reply.ok ? reply.result : undefined,
    shouldValidate: 'onSubmit',
  });
  return (
    <section aria-labelledby={`${intent}-title`} className={card}>
      <h2 id={`${intent}-title`} className={heading}>
        {t(`actions.${keys}`)}
      </h2>
      <p className={hint}>{t(`actions.${keys}.hint`)}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <CsrfInput value={csrf} />
        <Intent value={intent} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField
          meta={fields.reason}
          label={t(`actions.${keys}.reason`)}
          textareaProps={{ required: true, maxLength: 500, rows: 2 }}
        />
        <button type="submit" className={dangerButton} disabled={busy}>
          {t(`actions.${keys}.submit`)}
        </button>
      </Form>
    </section>
  );
}
