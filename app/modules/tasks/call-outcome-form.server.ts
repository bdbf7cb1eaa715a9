import { z } from 'zod';
import { adminTasks } from '~/i18n/admin-tasks';
import { addDaysIso, isIsoDate } from '~/utils/dates';
import { formatDate, translator, type Locale } from '~/utils/i18n';
import { DISPUTE_REASONS, PROMISE_REASONS } from './task-kinds';

export const NOTES_MAX = 2000;

/**
 * The call outcome form. A promised date must fall between today and today + the business's promise limit (both
 * in its time zone); a promise or a dispute needs someone to have answered.
 */
export function callOutcomeSchema(locale: Locale, today: string, promiseMaxDays: number) {
  const t = translator(locale, adminTasks);
  const latest = addDaysIso(today, promiseMaxDays);
  const notReached = t('outcome.notReached.nothing');
  return z
    .object({
      reached: z.enum(['yes', 'no'], { error: t('outcome.reached.required') }),
      promisedDate: z
        .string()
        .trim()
        .refine(isIsoDate, t('outcome.promisedDate.invalid'))
        .refine((d) => d >= today, t('outcome.promisedDate.past'))
        .refine(
          (d) => d <= latest,
          t('outcome.promisedDate.tooFar', { days: promiseMaxDays, date: formatDate(latest, locale) }),
        )
        .optional(),
      promiseReason: z.enum(PROMISE_REASONS, { error: t('outcome.promiseReason.invalid') }).optional(),
      disputeReason: z.enum(DISPUTE_REASONS, { error: t('outcome.disputeReason.invalid') }).optional(),
      notes: z
        .string()
        .trim()
        .max(NOTES_MAX, t('outcome.notes.tooLong', { max: NOTES_MAX }))
        .optional(),
      expectedDueOn: z.string().trim().refine(isIsoDate, t('outcome.stale')).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.reached !== 'no') return;
      for (const path of ['promisedDate', 'promiseReason', 'disputeReason'] as const) {
        if (value[path]) ctx.addIssue({ code: 'custom', path: [path], message: notReached });
      }
    });
}

export function completeTaskSchema(locale: Locale) {
  const t = translator(locale, adminTasks);
  return z.object({
    notes: z
      .string()
      .trim()
      .max(NOTES_MAX, t('outcome.notes.tooLong', { max: NOTES_MAX }))
      .optional(),
  });
}

export type CallOutcomeFormInput = z.input<ReturnType<typeof callOutcomeSchema>>;
