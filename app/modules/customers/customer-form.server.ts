import { z } from 'zod';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { INVOICE_CURRENCIES } from '~/modules/invoices/form-options';
import { translator, type Locale } from '~/utils/i18n';

export const TERMS_MAX = 365;
const COUNTRY = /^[A-Z]{2}$/;
const SIREN = /^\d{9}$/;
/** An EU VAT number: two letters then 2 to 13 letters or digits (spaces and dots are dropped first). */
const VAT = /^[A-Z]{2}[A-Z0-9]{2,13}$/;

/** The identity and terms form of a customer (create and edit), with every message in the user's language. */
export function customerSchema(locale: Locale) {
  const t = translator(locale, adminCustomerForm);
  const text = (max: number) =>
    z
      .string()
      .trim()
      .max(max, t('cf.tooLong', { max }))
      .optional()
      .transform((v) => v || null);
  return z.object({
    name: z
      .string({ error: t('cf.name.required') })
      .trim()
      .min(1, t('cf.name.required'))
      .max(200, t('cf.tooLong', { max: 200 })),
    legalName: text(200),
    siren: z
      .string()
      .optional()
      .transform((v) => v?.replace(/[\s.]/g, '') || null)
      .refine((v) => v === null || SIREN.test(v), t('cf.siren.invalid')),
    vatNumber: z
      .string()
      .optional()
      .transform((v) => v?.replace(/[\s.-]/g, '').toUpperCase() || null)
      .refine((v) => v === null || VAT.test(v), t('cf.vat.invalid')),
    addressLine1: text(200),
    addressLine2: text(200),
    postalCode: text(20),
    city: text(100),
    country: z
      .string({ error: t('cf.country.invalid') })
      .trim()
      .toUpperCase()
      .refine((v) => COUNTRY.test(v), t('cf.country.invalid')),
    locale: z.enum(['fr', 'en'], { error: t('cf.locale.invalid') }),
    currency: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine(
        (v) => v === null || (INVOICE_CURRENCIES as readonly string[]).includes(v),
        t('cf.currency.invalid'),
      ),
    termsDays: z
      .string()
      .optional()
      .transform((v, ctx) => {
        const raw = v?.trim();
        if (!raw) return null;
        if (!/^\d{1,3}$/.test(raw) || Number(raw) > TERMS_MAX) {
          ctx.addIssue({ code: 'custom', message: t('cf.terms.invalid', { max: TERMS_MAX }) });
          return z.NEVER;
        }
        return Number(raw);
      }),
    depositPercent: z
      .string({ error: t('cf.deposit.invalid') })
      .trim()
      .regex(/^\d{1,2}$/, t('cf.deposit.invalid'))
      .transform(Number)
      .refine((n) => n >= 1 && n <= 99, t('cf.deposit.invalid')),
    notes: text(2000),
  });
}

export type CustomerFields = z.output<ReturnType<typeof customerSchema>>;
export type CustomerFormInput = z.input<ReturnType<typeof customerSchema>>;
