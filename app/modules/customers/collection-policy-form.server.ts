import { z } from 'zod';
import { adminCustomers } from '~/i18n/admin-customers';
import { isUuid } from '~/modules/dunning/ids';
import { translator, type Locale } from '~/utils/i18n';
import { CREDIT_POLICIES } from './credit-policies';

/** `default` (or nothing) stands for the business's default ladder. */
export function collectionPolicySchema(locale: Locale) {
  const t = translator(locale, adminCustomers);
  return z.object({
    dunningPolicyId: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v || v === 'default') return null;
        if (!isUuid(v)) {
          ctx.addIssue({ code: 'custom', message: t('customer.policy.invalid') });
          return z.NEVER;
        }
        return v;
      }),
    creditPolicy: z.enum(CREDIT_POLICIES, { error: t('customer.credit.invalid') }),
  });
}

export type CollectionPolicyFormInput = z.input<ReturnType<typeof collectionPolicySchema>>;
