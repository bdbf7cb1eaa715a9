import { z } from 'zod';
import { adminDunning } from '~/i18n/admin-dunning';
import { translator, type Locale } from '~/utils/i18n';
import { templateProblems } from './placeholders';
import { DUNNING_CHANNELS, DUNNING_TONES } from './types';

export const OFFSET_MIN = -60;
export const OFFSET_MAX = 365;
export const SUBJECT_MAX = 300;
export const BODY_MAX = 5000;
export const POLICY_NAME_MAX = 80;

/** The step editor's fields, every message in the user's language. Offsets are read as whole days. */
export function stepFormSchema(locale: Locale) {
  const t = translator(locale, adminDunning);
  const template = (max: number, required: string, tooLong: string) =>
    z
      .string({ error: required })
      .trim()
      .min(1, required)
      .max(max, t(tooLong, { max }))
      .superRefine((value, ctx) => {
        // The renderer's own check (placeholders.ts), so the editor refuses exactly what it could not fill.
        for (const message of templateProblems(value, locale)) ctx.addIssue({ code: 'custom', message });
      });
  const offsetMessage = t('step.offset.invalid', { min: OFFSET_MIN, max: OFFSET_MAX });
  return z.object({
    offsetDays: z
      .string({ error: offsetMessage })
      .trim()
      .transform((input, ctx) => {
        const value = /^[+-]?\d{1,4}$/.test(input) ? Number(input) : NaN;
        if (!Number.isInteger(value) || value < OFFSET_MIN || value > OFFSET_MAX) {
          ctx.addIssue({ code: 'custom', message: offsetMessage });
          return z.NEVER;
        }
        return value;
      }),
    channel: z.enum(DUNNING_CHANNELS, { error: t('step.channel.invalid') }),
    tone: z.enum(DUNNING_TONES, { error: t('step.tone.invalid') }),
    subjectFr: template(SUBJECT_MAX, t('step.subject.required'), 'step.subject.tooLong'),
    bodyFr: template(BODY_MAX, t('step.body.required'), 'step.body.tooLong'),
    subjectEn: template(SUBJECT_MAX, t('step.subject.required'), 'step.subject.tooLong'),
    bodyEn: template(BODY_MAX, t('step.body.required'), 'step.body.tooLong'),
  });
}

export function policyFormSchema(locale: Locale) {
  const t = translator(locale, adminDunning);
  return z.object({
    name: z
      .string({ error: t('policy.name.required') })
      .trim()
      .min(1, t('policy.name.required'))
      .max(POLICY_NAME_MAX, t('policy.name.tooLong', { max: POLICY_NAME_MAX })),
    from: z.enum(['default', 'empty'], { error: t('policy.from.invalid') }).default('default'),
  });
}

export function renamePolicySchema(locale: Locale) {
  return policyFormSchema(locale).pick({ name: true });
}

export type StepFormInput = z.input<ReturnType<typeof stepFormSchema>>;
export type PolicyFormInput = z.input<ReturnType<typeof policyFormSchema>>;
