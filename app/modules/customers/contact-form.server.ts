import { z } from 'zod';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { translator, type Locale } from '~/utils/i18n';
import { CONTACT_ROLES } from './contact-roles';

/** One contact: a name, an email address, an optional phone, and any of the three roles. */
export function contactSchema(locale: Locale) {
  const t = translator(locale, adminCustomerForm);
  return z.object({
    name: z
      .string({ error: t('contact.name.required') })
      .trim()
      .min(1, t('contact.name.required'))
      .max(200, t('cf.tooLong', { max: 200 })),
    email: z
      .string({ error: t('contact.email.invalid') })
      .trim()
      .toLowerCase()
      .max(254, t('contact.email.invalid'))
      .pipe(z.email({ error: t('contact.email.invalid') })),
    phone: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^\+?[\d\s().-]{6,25}$/.test(v), t('contact.phone.invalid')),
    roles: z
      .array(z.enum(CONTACT_ROLES, { error: t('contact.roles.invalid') }))
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
  });
}

export type ContactFields = z.output<ReturnType<typeof contactSchema>>;
export type ContactFormInput = z.input<ReturnType<typeof contactSchema>>;
