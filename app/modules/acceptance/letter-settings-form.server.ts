import { parseWithZod } from '@conform-to/zod/v4';
import type { SubmissionResult } from '@conform-to/react';
import { z } from 'zod';
import { adminDisputes } from '~/i18n/admin-disputes';
import type { Actor } from '~/modules/audit/record-event.server';
import { db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import {
  LETTER_BODY_MAX,
  LETTER_PLACEHOLDERS,
  LETTER_TITLE_MAX,
  unknownLetterPlaceholders,
} from './letter-template';
import { loadLetterSettings, saveLetterSettings } from './letter-templates.server';

function schema(locale: Locale, customerIds: Set<string>) {
  const t = translator(locale, adminDisputes);
  const known = LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');
  const checked = (max: number, key: string) =>
    z
      .string({ error: t(key, { max }) })
      .trim()
      .min(1, t(key, { max }))
      .max(max, t(key, { max }))
      .superRefine((value, ctx) => {
        const unknown = unknownLetterPlaceholders(value);
        if (unknown.length)
          ctx.addIssue({
            code: 'custom',
            message: t('letters.error.placeholder', { list: unknown.join(', '), known }),
          });
      });
  return z.object({
    titleFr: checked(LETTER_TITLE_MAX, 'letters.error.title'),
    bodyFr: checked(LETTER_BODY_MAX, 'letters.error.body'),
    titleEn: checked(LETTER_TITLE_MAX, 'letters.error.title'),
    bodyEn: checked(LETTER_BODY_MAX, 'letters.error.body'),
    required: z.array(z.string().refine((id) => customerIds.has(id), t('letters.error.customer'))).optional(),
  });
}

/** Saves the letter templates page; bad input: 400 with each message beside its field, nothing saved. */
export async function runLetterSettingsAction(input: {
  businessId: string;
  actor: Actor;
  locale: Locale;
  form: FormData;
}): Promise<{
  status: number;
  reply: { ok: boolean; message: string; result?: SubmissionResult<string[]> };
}> {
  const t = translator(input.locale, adminDisputes);
  const settings = await loadLetterSettings(db(), input.businessId);
  const submission = parseWithZod(input.form, {
    schema: schema(input.locale, new Set(settings.customers.map((c) => c.id))),
  });
  if (submission.status !== 'success')
    return {
      status: 400,
      reply: { ok: false, message: t('dispute.result.error'), result: submission.reply() },
    };
  const v = submission.value;
  await saveLetterSettings(db(), {
    businessId: input.businessId,
    actor: input.actor,
    templates: { fr: { title: v.titleFr, body: v.bodyFr }, en: { title: v.titleEn, body: v.bodyEn } },
    requiredCustomerIds: v.required ?? [],
  });
  return { status: 200, reply: { ok: true, message: t('letters.saved'), result: submission.reply() } };
}
