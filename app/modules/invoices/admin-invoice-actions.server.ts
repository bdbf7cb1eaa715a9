import { parseWithZod } from '@conform-to/zod/v4';
import type { SubmissionResult } from '@conform-to/react';
import { admin } from '~/i18n/admin';
import { runRequestAcceptanceAction } from '~/modules/acceptance/request-acceptance-action.server';
import type { Actor } from '~/modules/audit/record-event.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import { revokeInvoiceLinks } from '~/modules/links/revoke-links.server';
import { rotateInvoiceLink } from '~/modules/links/rotate-link.server';
import { runRefundAction } from '~/modules/payments/refund-action.server';
import { refundPayment } from '~/modules/payments/refund-payment.server';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { intlTag, translator, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { findInvoiceForBusiness } from './admin-invoice.server';
import {
  offlinePaymentSchema,
  rotateLinkSchema,
  voidInvoiceSchema,
  writeOffSchema,
} from './invoice-actions-form.server';
import { issueInvoice } from './issue-invoice.server';
import { voidInvoice } from './void-invoice.server';
import { undoWriteOff, writeOffInvoice } from './write-off.server';

export type InvoiceActionIntent =
  | 'issue'
  | 'rotate'
  | 'revoke'
  | 'payment'
  | 'void'
  | 'refund'
  | 'request-acceptance'
  | 'write-off'
  | 'undo-write-off';

export type InvoiceActionReply = {
  intent: InvoiceActionIntent | null;
  ok: boolean;
  message: string;
  /** The new debtor link after issue or rotate: shown once, never stored in clear. */
  url?: string;
  /** conform's reply, for the forms with fields (payment, void, refund). */
  result?: SubmissionResult<string[]>;
  /** Which payment's refund form answered, and the request key it must send next. */
  paymentId?: string;
  requestKey?: string;
};

type Input = {
  businessId: string;
  invoiceId: string;
  actor: Actor;
  locale: Locale;
  form: FormData;
};

/**
 * Runs one of the invoice page's actions, chosen by the form's `intent`, and says what happened in the user's
 * language with the HTTP status to answer with. Nothing is written unless the input is valid and the invoice
 * belongs to the business and is in a state that allows it.
 */
export async function runInvoiceAction(input: Input): Promise<{ status: number; reply: InvoiceActionReply }> {
  const t = translator(input.locale, admin);
  const raw = input.form.get('intent');
  const intent =
    (
      [
        'issue',
        'rotate',
        'revoke',
        'payment',
        'void',
        'refund',
        'request-acceptance',
        'write-off',
        'undo-write-off',
      ] as const
    ).find((i) => i === raw) ?? null;
  const fail = (status: number, message: string, result?: SubmissionResult<string[]>) => ({
    status,
    reply: { intent, ok: false, message, result },
  });
  const ok = (message: string, extra: Partial<InvoiceActionReply> = {}) => ({
    status: 200,
    reply: { intent, ok: true, message, ...extra },
  });

  if (!intent) return fail(400, t('result.error'));
  const invoice = await findInvoiceForBusiness(db(), input.businessId, input.invoiceId);
  if (!invoice) return fail(404, t('result.notFound'));
  const scope = { businessId: input.businessId, invoiceId: invoice.id, actor: input.actor };

  switch (intent) {
    case 'issue': {
      const issued = await issueInvoice(db(), scope);
      if (issued.status !== 'issued') return fail(409, t('result.notDraft'));
      return ok(
        t(issued.emailed ? 'result.issued.emailed' : 'result.issued.notEmailed', { number: issued.number }),
        {
          url: issued.url,
        },
      );
    }
    case 'rotate': {
      const submission = parseWithZod(input.form, { schema: rotateLinkSchema });
      const sendEmail = submission.status === 'success' && Boolean(submission.value.sendEmail);
      const rotated = await rotateInvoiceLink(db(), { ...scope, sendEmail });
      if (!rotated.ok) return fail(409, t('result.rotate.draft'));
      return ok(t(rotated.emailed ? 'result.rotated.emailed' : 'result.rotated'), { url: rotated.url });
    }
    case 'revoke': {
      const { revoked } = await revokeInvoiceLinks(db(), scope);
      return ok(revoked ? t('result.revoked', { count: revoked }) : t('result.revoked.zero'));
    }
    case 'payment': {
      const today = todayIn((await businessBasics(db(), input.businessId)).timeZone);
      const submission = parseWithZod(input.form, {
        schema: offlinePaymentSchema(input.locale, invoice.currency, today),
      });
      if (submission.status !== 'success') return fail(400, t('result.error'), submission.reply());
      const { amount, ...payment } = submission.value;
      const recorded = await recordOfflinePayment(db(), { ...scope, ...payment, amountMinor: amount });
      if (!recorded.ok) {
        const message =
          recorded.error === 'exceeds_balance'
            ? t('result.payment.exceeds', {
                amount: formatMoney(recorded.balanceMinor ?? 0, invoice.currency, intlTag(input.locale)),
              })
            : recorded.error === 'not_open'
              ? t('result.payment.notOpen')
              : t('result.notFound');
        const field: Record<string, string[]> =
          recorded.error === 'exceeds_balance' ? { amount: [message] } : {};
        return fail(
          recorded.error === 'not_found' ? 404 : 409,
          message,
          submission.reply({ fieldErrors: field }),
        );
      }
      return ok(t(recorded.invoicePaid ? 'result.payment.paid' : 'result.payment'));
    }
    case 'refund': {
      const { status, ...reply } = await runRefundAction({
        ...input,
        currency: invoice.currency,
        refund: (request) => refundPayment(db(), { ...request, ...scope }),
      });
      return { status, reply: { intent, ...reply } };
    }
    case 'request-acceptance': {
      const { status, ...reply } = await runRequestAcceptanceAction({ ...input, invoiceId: invoice.id });
      return { status, reply: { intent, ...reply } };
    }
    case 'void': {
      const submission = parseWithZod(input.form, { schema: voidInvoiceSchema(input.locale) });
      if (submission.status !== 'success') return fail(400, t('result.error'), submission.reply());
      const voided = await voidInvoice(db(), { ...scope, reason: submission.value.reason });
      if (!voided.ok) {
        const message = t(
          voided.error === 'has_payments' ? 'result.void.hasPayments' : 'result.void.notOpen',
        );
        return fail(409, message, submission.reply({ formErrors: [message] }));
      }
      return ok(
        voided.creditNoteNumber
          ? t('result.void.creditNote', { number: voided.creditNoteNumber })
          : t('result.void'),
      );
    }
    case 'write-off': {
      const submission = parseWithZod(input.form, { schema: writeOffSchema(input.locale) });
      if (submission.status !== 'success') return fail(400, t('result.error'), submission.reply());
      const done = await writeOffInvoice(db(), { ...scope, reason: submission.value.reason });
      if (!done.ok) {
        const message = t(`result.writeOff.${done.error}`);
        return fail(409, message, submission.reply({ formErrors: [message] }));
      }
      return ok(
        t('result.writeOff', {
          amount: formatMoney(done.balanceMinor, invoice.currency, intlTag(input.locale)),
        }),
      );
    }
    case 'undo-write-off': {
      const undone = await undoWriteOff(db(), scope);
      if (!undone.ok) return fail(409, t('result.writeOff.not_written_off'));
      return ok(t('result.writeOff.undone'));
    }
  }
}
