import { z } from 'zod';
import { admin } from '~/i18n/admin';
import { translator, type Locale } from '~/utils/i18n';

export function loginSchema(locale: Locale) {
  const t = translator(locale, admin);
  return z.object({
    email: z.email({ error: t('login.emailInvalid') }).max(254, t('login.emailInvalid')),
    password: z
      .string({ error: t('login.passwordRequired') })
      .min(1, t('login.passwordRequired'))
      .max(1024),
    next: z.string().optional(),
  });
}

/**
 * Where to go after logging in: only a path inside the admin area. Anything else (an absolute URL, `//host`,
 * a backslash trick, another part of the site) goes to the invoice list.
 */
export function safeNext(next: string | null | undefined): string {
  const fallback = '/admin/invoices';
  if (!next || next.length > 2000) return fallback;
  if (!/^\/admin(?:[/?#]|$)/.test(next)) return fallback;
  if (/[\\\u0000-\u001f]/.test(next) || next.startsWith('//')) return fallback;
  try {
    // Resolving against a dummy origin must keep us on it, at a path under /admin.
    const url = new URL(next, 'http://acquit.invalid');
    if (url.origin !== 'http://acquit.invalid' || !/^\/admin(\/|$)/.test(url.pathname)) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

export type LoginFormInput = z.input<ReturnType<typeof loginSchema>>;
