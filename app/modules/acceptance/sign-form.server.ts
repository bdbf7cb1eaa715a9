import { z } from 'zod';
import { acceptance } from '~/i18n/acceptance';
import { translator, type Locale } from '~/utils/i18n';

export const NAME_MAX = 120;
/** SVG path data as the signature pad writes it: moves and lines in a 300 x 100 box, nothing else. */
const SIGNATURE_PATH = /^(?:[ML] ?\d{1,3}(?:\.\d)? \d{1,3}(?:\.\d)? ?)+$/;

/** The signing form. Names and roles are trimmed; the drawn signature is optional and strictly shaped. */
export function signSchema(locale: Locale) {
  const t = translator(locale, acceptance);
  const text = (required: string, long: string) =>
    z
      .string({ error: required })
      .trim()
      .min(1, required)
      .max(NAME_MAX, t(long, { max: NAME_MAX }));
  return z.object({
    intent: z.literal('sign'),
    signerName: text(t('accept.error.name'), 'accept.error.name.long'),
    signerRole: text(t('accept.error.role'), 'accept.error.role.long'),
    consent: z.literal('on', { error: t('accept.error.consent') }),
    signatureSvg: z
      .string()
      .trim()
      .max(20_000, t('accept.error.signature'))
      .regex(SIGNATURE_PATH, t('accept.error.signature'))
      .optional(),
    letterSha256: z.string().regex(/^[0-9a-f]{64}$/, t('accept.error.letter_changed')),
  });
}
