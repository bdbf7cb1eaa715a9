import { z } from 'zod';
import { adminCollections } from '~/i18n/admin-collections';
import { isIsoDate } from '~/utils/dates';
import { formatDate, translator, type Locale } from '~/utils/i18n';
import { minorDigits, parseDecimal } from '~/utils/money';

export const AGENCY_MAX = 200;
export const NOTE_MAX = 2000;

/**
 * The hand-off form. The date is the day the case went to the agency: not before the invoice's due date and not
 * in the future (both in the business's time zone). The amount is what the agency is asked to recover, in the
 * invoice's currency: more than zero and at most `maxMinor` (the balance with the penalties the law allows).
 */
export function handOffSchema(
  locale: Locale,
  input: { today: string; dueDate: string; currency: string; maxMinor: number; maxText: string },
) {
  const t = translator(locale, adminCollections);
  const digits = minorDigits(input.currency);
  return z.object({
    agencyName: z
      .string({ error: t('handoff.agency.required') })
      .trim()
      .min(1, t('handoff.agency.required'))
      .max(AGENCY_MAX, t('handoff.agency.tooLong', { max: AGENCY_MAX })),
    handedOn: z
      .string({ error: t('handoff.date.invalid') })
      .trim()
      .refine(isIsoDate, t('handoff.date.invalid'))
      .refine((d) => d <= input.today, t('handoff.date.future'))
      .refine(
        (d) => d >= input.dueDate,
        t('handoff.date.beforeDue', { date: formatDate(input.dueDate, locale) }),
      ),
    amount: z.string({ error: t('handoff.amount.invalid') }).transform((raw, ctx) => {
      const value = parseDecimal(raw, digits);
      if (value === null || value <= 0) {
        ctx.addIssue({ code: 'custom', message: t('handoff.amount.invalid') });
        return z.NEVER;
      }
      if (value > input.maxMinor) {
        ctx.addIssue({ code: 'custom', message: t('handoff.amount.tooBig', { max: input.maxText }) });
        return z.NEVER;
      }
      return value;
    }),
    note: z
      .string()
      .trim()
      .max(NOTE_MAX, t('handoff.note.tooLong', { max: NOTE_MAX }))
      .optional(),
  });
}

export type HandOffFormInput = z.input<ReturnType<typeof handOffSchema>>;
