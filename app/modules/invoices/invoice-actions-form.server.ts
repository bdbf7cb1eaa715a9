import { z } from 'zod';
import { admin } from '~/i18n/admin';
import { isIsoDate } from '~/utils/dates';
import { translator, type Locale } from '~/utils/i18n';
import { minorDigits, parseDecimal } from '~/utils/money';
import { OFFLINE_METHODS } from './form-options';

/** "Record a payment received": the amount in the invoice's currency, on or before `today` (business time zone). */
export function offlinePaymentSchema(locale: Locale, currency: string, today: string) {
  const t = translator(locale, admin);
  const digits = minorDigits(currency);
  const amountMessage = t('payment.amount.invalid', { digits });
  return z.object({
    amount: z.string({ error: amountMessage }).transform((input, ctx) => {
      const value = parseDecimal(input, digits);
      if (value === null || value <= 0 || value > Number.MAX_SAFE_INTEGER / 10) {
        ctx.addIssue({ code: 'custom', message: amountMessage });
        return z.NEVER;
      }
      return value;
    }),
    receivedOn: z
      .string({ error: t('payment.date.invalid') })
      .trim()
      .refine(isIsoDate, t('payment.date.invalid'))
      .refine((d) => d <= today, t('payment.date.future')),
    method: z.enum(OFFLINE_METHODS, { error: t('payment.method.invalid') }),
    reference: z.string().trim().max(200, t('payment.reference.tooLong')).optional(),
    /** One per rendered form, so a double submit records one payment. */
    requestKey: z.string().trim().max(100).optional(),
  });
}

/** A form whose one field is the reason for an irreversible-looking step (void, write-off), 500 characters at most. */
function reasonSchema(locale: Locale, requiredKey: string) {
  const t = translator(locale, admin);
  return z.object({
    reason: z
      .string({ error: t(requiredKey) })
      .trim()
      .min(1, t(requiredKey))
      .max(500, t('void.reason.tooLong')),
  });
}

export const voidInvoiceSchema = (locale: Locale) => reasonSchema(locale, 'void.reason.required');
export const writeOffSchema = (locale: Locale) => reasonSchema(locale, 'writeOff.reason.required');

export const rotateLinkSchema = z.object({ sendEmail: z.boolean().optional() });

export type OfflinePaymentFormInput = z.input<ReturnType<typeof offlinePaymentSchema>>;
export type ReasonFormInput = z.input<ReturnType<typeof reasonSchema>>;
