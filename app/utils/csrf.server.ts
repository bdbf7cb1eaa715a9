import { createHmac, randomBytes } from 'node:crypto';
import { readCookie, serializeCookie } from './cookies.server';
import { env } from './env.server';
import { safeEqual } from './tokens.server';

const COOKIE = 'acquit_csrf';

function sign(value: string): string {
  return createHmac('sha256', env().SESSION_SECRET).update(`csrf:${value}`).digest('base64url');
}

/**
 * Signed double-submit token: a random cookie, and in each form its HMAC. A page from another origin can neither
 * read the cookie nor forge the HMAC. Returns the form value and, when the cookie is new, its Set-Cookie header.
 */
export function csrfToken(request: Request): { token: string; setCookie: string | null } {
  const existing = readCookie(request, COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: sign(existing), setCookie: null };
  const fresh = randomBytes(32).toString('base64url');
  return { token: sign(fresh), setCookie: serializeCookie(COOKIE, fresh, { sameSite: 'Lax' }) };
}

export function isValidCsrf(request: Request, formValue: FormDataEntryValue | null): boolean {
  const cookie = readCookie(request, COOKIE);
  if (!cookie || typeof formValue !== 'string') return false;
  return safeEqual(sign(cookie), formValue);
}

/** Throws a 403 for a POST whose form lacks the token; call first in every action that takes a form. */
export function requireCsrf(request: Request, form: FormData): void {
  if (!isValidCsrf(request, form.get('csrf'))) {
    throw new Response(
      'Invalid or missing form token. Reload the page and try again. / Jeton de formulaire invalide : rechargez la page.',
      {
        status: 403,
      },
    );
  }
}
