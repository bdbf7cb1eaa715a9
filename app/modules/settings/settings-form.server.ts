import { z } from 'zod';
import { adminSettings } from '~/i18n/admin-settings';
import { VAT_EXEMPTIONS, type VatExemption } from '~/modules/invoices/form-options';
import { translator, type Locale } from '~/utils/i18n';
import { formatIban, isValidBic, isValidIban, isValidSiren } from './bank-ids';

/**
 * The business settings form: identity, bank details, default terms, penalty rate and email sender. Empty optional
 * fields become null; the penalty rate is typed in percent per year ("10,5") and kept in basis points, empty meaning
 * the French statutory rate.
 */
export function businessSettingsSchema(locale: Locale) {
  const t = translator(locale, adminSettings);
  const required = (max: number) =>
    z
      .string({ error: t('field.required') })
      .trim()
      .min(1, t('field.required'))
      .max(max, t('field.tooLong', { max }));
  const optional = (max: number) =>
    z
      .string()
      .trim()
      .max(max, t('field.tooLong', { max }))
      .optional()
      .transform((v) => v || null);
  const checked = (
    max: number,
    valid: (v: string) => boolean,
    message: string,
    normal: (v: string) => string,
  ) =>
    optional(max)
      .refine((v) => v === null || valid(v), message)
      .transform((v) => (v === null ? null : normal(v)));
  const email = z
    .string({ error: t('field.email') })
    .trim()
    .max(254, t('field.email'))
    .pipe(z.email({ error: t('field.email') }));
  return z.object({
    name: required(120),
    legalForm: optional(120),
    siren: checked(11, isValidSiren, t('field.siren.invalid'), (v) => v.replace(/\s/g, '')),
    vatNumber: checked(
      20,
      (v) => /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(v.replace(/\s/g, '').toUpperCase()),
      t('field.vat'),
      (v) => v.replace(/\s/g, '').toUpperCase(),
    ),
    addressLine1: required(200),
    addressLine2: optional(200),
    postalCode: required(16),
    city: required(100),
    country: z
      .string({ error: t('field.countryInvalid') })
      .trim()
      .regex(/^[A-Za-z]{2}$/, t('field.countryInvalid'))
      .transform((v) => v.toUpperCase()),
    email,
    phone: optional(40),
    iban: checked(42, isValidIban, t('field.iban'), formatIban),
    bic: checked(14, isValidBic, t('field.bic'), (v) => v.replace(/\s/g, '').toUpperCase()),
    defaultTermsDays: z
      .string({ error: t('field.terms') })
      .trim()
      .regex(/^\d{1,3}$/, t('field.terms'))
      .transform(Number)
      .refine((n) => n <= 365, t('field.terms')),
    penaltyRate: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(v);
        const bps = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
        if (!Number.isFinite(bps) || bps > 10_000) {
          ctx.addIssue({ code: 'custom', message: t('field.penalty') });
          return z.NEVER;
        }
        return bps;
      }),
    defaultVatExemption: z
      .string()
      .optional()
      .refine(
        (v) => !v || (VAT_EXEMPTIONS as readonly string[]).includes(v),
        t('field.defaultVatExemption.invalid'),
      )
      .transform((v) => (v || null) as VatExemption | null),
    emailFromName: optional(100).refine((v) => v === null || !/["<>\r\n]/.test(v), t('field.senderName')),
    emailReplyTo: z
      .string()
      .trim()
      .max(254, t('field.email'))
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || z.email().safeParse(v).success, t('field.email')),
  });
}

export type BusinessSettings = z.output<ReturnType<typeof businessSettingsSchema>>;
export const SETTINGS_FIELDS = Object.keys(businessSettingsSchema('en').shape) as (keyof BusinessSettings)[];
