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

export function voidInvoiceSchema(locale: Locale) {
  const t = translator(locale, admin);
  return z.object({
    reason: z
      .string({ error: t('void.reason.required') })
      .trim()
      .min(1, t('void.reason.required'))
      .max(500, t('void.reason.tooLong')),
  });
}

export function writeOffSchema(locale: Locale) {
  const t = translator(locale, admin);
  return z.object({
    reason: z
      .string({ error: t('writeOff.reason.required') })
      .trim()
      .min(1, t('writeOff.reason.required'))
      .max(500, t('void.reason.tooLong')),
  });
}

export const rotateLinkSchema = z.object({ sendEmail: z.boolean().optional() });

export type OfflinePaymentFormInput = z.input<ReturnType<typeof offlinePaymentSchema>>;
export type VoidFormInput = z.input<ReturnType<typeof voidInvoiceSchema>>;
export type WriteOffFormInput = z.input<ReturnType<typeof writeOffSchema>>;
