import { z } from 'zod';
import { promisesText } from '~/i18n/promises';
import { PROMISE_REASONS } from '~/modules/tasks/task-kinds';
import { addDaysIso, isIsoDate } from '~/utils/dates';
import { formatDate, translator, type Locale } from '~/utils/i18n';
import { formatMoney, minorDigits, parseDecimal } from '~/utils/money';

export const PROMISE_NOTE_MAX = 1000;

/**
 * The promise form (debtor page and admin). The date must be a real date from today to today + the business's
 * limit (both in its time zone); the amount, when given, more than zero and at most the balance. Every message
 * names the field it belongs to, in the page's language.
 */
export function promiseSchema(input: {
  locale: Locale;
  today: string;
  maxDays: number;
  currency: string;
  balanceMinor: number;
}) {
  const { locale, today, maxDays, currency, balanceMinor } = input;
  const t = translator(locale, promisesText);
  const latest = addDaysIso(today, maxDays);
  const balance = formatMoney(balanceMinor, currency, locale);
  return z.object({
    promisedDate: z
      .string({ error: t('promise.date.invalid') })
      .trim()
      .refine(isIsoDate, t('promise.date.invalid'))
      .refine((d) => d >= today, t('promise.date.past'))
      .refine(
        (d) => d <= latest,
        t('promise.date.tooFar', { date: formatDate(latest, locale), days: maxDays }),
      ),
    amount: z
      .string()
      .trim()
      .max(32, t('promise.amount.invalid'))
      .optional()
      .transform((value, ctx) => {
        if (!value) return null;
        const minor = parseDecimal(value, minorDigits(currency));
        if (minor === null || minor <= 0) {
          ctx.addIssue({ code: 'custom', message: t('promise.amount.invalid') });
          return z.NEVER;
        }
        if (minor > balanceMinor) {
          ctx.addIssue({ code: 'custom', message: t('promise.amount.tooLarge', { amount: balance }) });
          return z.NEVER;
        }
        return minor;
      }),
    reason: z.enum(PROMISE_REASONS, { error: t('promise.reason.invalid') }).optional(),
    note: z
      .string()
      .trim()
      .max(PROMISE_NOTE_MAX, t('promise.note.tooLong', { max: PROMISE_NOTE_MAX }))
      .optional(),
  });
}
