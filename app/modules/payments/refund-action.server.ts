import { parseWithZod } from '@conform-to/zod/v4';
import type { SubmissionResult } from '@conform-to/react';
import { adminPayments } from '~/i18n/admin-payments';
import { intlTag, translator, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { refundSchema } from './refund-form.server';
import type { RefundFailure } from './refund-payment.server';
import type { RefundReason } from './refund-options';

/** What the form asks for, validated; the page's own refund function carries it out. */
export type RefundRequest = {
  paymentId: string;
  amountMinor: number;
  reason: RefundReason | null;
  requestKey: string;
};

export type RefundActionOutcome = {
  status: number;
  ok: boolean;
  message: string;
  paymentId?: string;
  /** The key the form must send next: the same one when Stripe's answer was lost, so a retry cannot refund twice. */
  requestKey?: string;
  result?: SubmissionResult<string[]>;
};

/**
 * A "refund" form (an invoice's payment, or a statement payment): validates it, refunds through `refund`, and says
 * what happened beside the amount field.
 */
export async function runRefundAction(input: {
  currency: string;
  locale: Locale;
  form: FormData;
  refund: (
    request: RefundRequest,
  ) => Promise<{ ok: true; amountMinor: number; invoiceReopened?: boolean } | RefundFailure>;
  /** The message once done; by default it says whether the invoice was reopened. */
  doneKey?: string;
}): Promise<RefundActionOutcome> {
  const t = translator(input.locale, adminPayments);
  const money = (minor: number) => formatMoney(minor, input.currency, intlTag(input.locale));
  const submission = parseWithZod(input.form, { schema: refundSchema(input.locale, input.currency) });
  const paymentId = String(input.form.get('paymentId') ?? '') || undefined;
  const fresh = crypto.randomUUID();
  if (submission.status !== 'success') {
    return {
      status: 400,
      ok: false,
      message: t('refund.invalid'),
      paymentId,
      requestKey: fresh,
      result: submission.reply(),
    };
  }
  const { amount, reason, requestKey } = submission.value;
  const refunded = await input.refund({
    paymentId: submission.value.paymentId,
    amountMinor: amount,
    reason: reason ?? null,
    requestKey,
  });
  if (refunded.ok) {
    const key = input.doneKey ?? (refunded.invoiceReopened ? 'refund.done.reopened' : 'refund.done');
    const done = t(key, { amount: money(refunded.amountMinor) });
    return { status: 200, ok: true, message: done, paymentId };
  }
  const failure = (
    status: number,
    message: string,
    on: 'amount' | 'form',
    key: string = fresh,
  ): RefundActionOutcome => ({
    status,
    ok: false,
    message,
    paymentId,
    requestKey: key,
    result: submission.reply(
      on === 'amount' ? { fieldErrors: { amount: [message] } } : { formErrors: [message] },
    ),
  });
  switch (refunded.error) {
    case 'not_found':
      return failure(404, t('refund.notRefundable'), 'form');
    case 'not_refundable':
      return failure(409, t('refund.notRefundable'), 'form');
    case 'disputed':
      return failure(409, t('refund.disputed'), 'form');
    case 'too_much':
      return failure(
        400,
        refunded.refundableMinor
          ? t('refund.tooMuch', { amount: money(refunded.refundableMinor) })
          : t('refund.nothingLeft'),
        'amount',
      );
    case 'stripe_refused':
      return failure(409, t('refund.stripeRefused', { message: refunded.message }), 'amount');
    case 'stripe_unavailable':
      return failure(409, t('refund.stripeUnavailable'), 'amount', requestKey);
  }
}
