import { z } from 'zod';
import { disputes } from '~/i18n/disputes';
import { translator, type Locale } from '~/utils/i18n';
import { DISPUTE_REASONS, MESSAGE_MAX } from './reasons';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function messageField(locale: Locale) {
  const t = translator(locale, disputes);
  return z
    .string({ error: t('dispute.error.message') })
    .trim()
    .min(1, t('dispute.error.message'))
    .superRefine((value, ctx) => {
      if (value.length > MESSAGE_MAX)
        ctx.addIssue({
          code: 'custom',
          message: t('dispute.error.message.long', { max: MESSAGE_MAX, length: value.length }),
        });
    });
}

/** Raising a dispute: the whole invoice or some lines (at least one), a reason and a message. */
export function openDisputeSchema(locale: Locale) {
  const t = translator(locale, disputes);
  return z
    .object({
      intent: z.literal('open'),
      scope: z.enum(['invoice', 'lines'], { error: t('dispute.error.scope') }),
      lineIds: z
        .array(z.string().regex(UUID, t('dispute.error.lines.unknown')), { error: t('dispute.error.lines') })
        .max(500)
        .optional(),
      reason: z.enum(DISPUTE_REASONS, { error: t('dispute.error.reason') }),
      message: messageField(locale),
    })
    .superRefine((value, ctx) => {
      if (value.scope === 'lines' && !value.lineIds?.length)
        ctx.addIssue({ code: 'custom', path: ['lineIds'], message: t('dispute.error.lines') });
    });
}

/** A message in a dispute's thread, from either side. */
export function disputeMessageSchema(locale: Locale) {
  return z.object({
    intent: z.literal('message'),
    disputeId: z.string().regex(UUID),
    body: messageField(locale),
  });
}
