import { z } from 'zod';
import { adminPayments } from '~/i18n/admin-payments';
import { translator, type Locale } from '~/utils/i18n';
import { minorDigits, parseDecimal } from '~/utils/money';
import { REFUND_REASONS } from './refund-options';

/** The refund form of one payment: an amount in the payment's currency, an optional reason, two hidden ids. */
export function refundSchema(locale: Locale, currency: string) {
  const t = translator(locale, adminPayments);
  const digits = minorDigits(currency);
  const amountMessage = t('refund.amount.invalid', { digits });
  return z.object({
    paymentId: z.uuid({ error: t('refund.invalid') }),
    /** One per rendered form: a double submit refunds once. */
    requestKey: z
      .string({ error: t('refund.invalid') })
      .trim()
      .min(8, t('refund.invalid'))
      .max(100, t('refund.invalid')),
    amount: z.string({ error: amountMessage }).transform((input, ctx) => {
      const value = parseDecimal(input, digits);
      if (value === null || value <= 0 || value > Number.MAX_SAFE_INTEGER / 10) {
        ctx.addIssue({ code: 'custom', message: amountMessage });
        return z.NEVER;
      }
      return value;
    }),
    reason: z.enum(REFUND_REASONS).optional(),
  });
}

export type RefundFormInput = z.input<ReturnType<typeof refundSchema>>;
