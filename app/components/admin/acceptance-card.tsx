import { getFormProps, useForm } from '@conform-to/react';
import { Form, Link } from '@remix-run/react';
import { CsrfInput, Field, FormErrors } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import type { InvoiceActionReply } from '~/modules/invoices/admin-invoice-actions.server';
import type { InvoiceView } from '~/modules/invoices/types';
import { formatDate, formatDateTime, type Locale, type T } from '~/utils/i18n';
import { card, secondaryButton, textLink } from './ui';

type View = Omit<InvoiceView, 'number'> & { number: string | null };

/** The invoice's acceptance letter (signed, asked for, or to ask for) and its dispute, on the admin invoice page. */
export function AcceptanceCard({
  view,
  today,
  timeZone,
  csrf,
  busy,
  reply,
  lang,
  locale,
  t,
}: {
  view: View;
  today: string;
  timeZone: string;
  csrf: string;
  busy: boolean;
  reply: InvoiceActionReply | undefined;
  lang: (to: string) => string;
  locale: Locale;
  t: T;
}) {
  const [form, fields] = useForm<{ deliveryDate: string }>({
    id: 'request-acceptance',
    lastResult: reply?.intent === 'request-acceptance' ? reply.result : undefined,
    shouldValidate: 'onSubmit',
    defaultValue: { deliveryDate: view.deliveryDate ?? today },
  });
  const canRequest =
    !view.acceptance && !view.acceptanceRequestedAt && (view.status === 'draft' || view.status === 'open');
  const dispute = view.dispute;
  const disputeOpen =
    dispute && (dispute.status === 'waiting_for_us' || dispute.status === 'waiting_for_them');
  return (
    <section aria-labelledby="letter-title" className={card}>
      <h2 id="letter-title" className="text-base font-semibold text-slate-900">
        {t('invoice.letter.title')}
      </h2>
      <p className="mt-2 text-sm text-slate-800">
        {view.acceptance
          ? t('invoice.letter.signed', {
              date: formatDateTime(view.acceptance.signedAt, locale, timeZone),
              name: view.acceptance.signerName,
              role: view.acceptance.signerRole,
            })
          : view.acceptanceRequestedAt
            ? t('invoice.letter.requested', {
                date: formatDateTime(view.acceptanceRequestedAt, locale, timeZone),
                delivery: formatDate(view.deliveryDate ?? today, locale),
              })
            : view.acceptanceRequired
              ? t('invoice.letter.required')
              : t('invoice.letter.notRequired')}
      </p>
      {view.acceptance ? (
        <p className="mt-3">
          <a href={`/admin/invoices/${view.id}/letter.pdf?lang=${locale}`} className={secondaryButton}>
            {t('invoice.letter.pdf')}
          </a>
        </p>
      ) : null}
      {canRequest ? (
        <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
          <CsrfInput value={csrf} />
          <input type="hidden" name="intent" value="request-acceptance" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            meta={fields.deliveryDate}
            type="date"
            label={t('invoice.letter.delivery')}
            hint={t('invoice.letter.request.hint')}
            inputProps={{ max: today }}
          />
          <button type="submit" className={secondaryButton} disabled={busy}>
            {t('invoice.letter.request')}
          </button>
        </Form>
      ) : null}
      {dispute ? (
        <div className="mt-4 border-t border-slate-200 pt-3 text-sm">
          <h3 className="font-semibold text-slate-900">{t('invoice.dispute.title')}</h3>
          <p className="mt-1 text-slate-800">
            {disputeOpen
              ? t('invoice.dispute.open', {
                  amount: money(dispute.amountMinor, view.currency, locale),
                  status: t(`disputes.status.${dispute.status}`),
                })
              : t(`disputes.status.${dispute.status}`)}{' '}
            <Link to={lang(`/admin/disputes/${dispute.id}`)} className={textLink}>
              {t('invoice.dispute.link')}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
