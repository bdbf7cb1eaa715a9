import { z } from 'zod';
import { adminUsers } from '~/i18n/admin-users';
import { translator, type Locale } from '~/utils/i18n';
import { PASSWORD_MIN } from './password-rules';

function password(locale: Locale) {
  const t = translator(locale, adminUsers);
  return z
    .string({ error: t('password.tooShort', { min: PASSWORD_MIN }) })
    .min(PASSWORD_MIN, t('password.tooShort', { min: PASSWORD_MIN }))
    .max(256, t('password.tooLong'));
}

function email(locale: Locale) {
  const t = translator(locale, adminUsers);
  return z
    .string({ error: t('email.invalid') })
    .trim()
    .max(254, t('email.invalid'))
    .pipe(z.email({ error: t('email.invalid') }));
}

export function inviteSchema(locale: Locale) {
  const t = translator(locale, adminUsers);
  return z.object({
    email: email(locale),
    role: z.enum(['owner', 'staff'], { error: t('role.invalid') }),
  });
}

/** Name and a new password typed twice: for accepting an invitation (with name) and for a reset (without). */
export function newPasswordSchema(locale: Locale, withName: boolean) {
  const t = translator(locale, adminUsers);
  const name = z
    .string({ error: t('name.required') })
    .trim()
    .min(1, t('name.required'))
    .max(120, t('name.tooLong'));
  return z
    .object({
      name: withName ? name : z.string().optional(),
      password: password(locale),
      confirm: z.string({ error: t('password.mismatch') }),
    })
    .refine((v) => v.password === v.confirm, { path: ['confirm'], message: t('password.mismatch') });
}

export function forgotSchema(locale: Locale) {
  return z.object({ email: email(locale) });
}

export type InviteInput = { email: string; role: 'owner' | 'staff' };
export type NewPasswordInput = { name?: string; password: string; confirm: string };
export type ForgotInput = { email: string };
