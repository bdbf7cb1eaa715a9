import { and, eq, gt, isNull } from 'drizzle-orm';
import { redirect } from '@remix-run/node';
import { sessions, users } from '#db/schema/index';
import { readCookie, serializeCookie } from './cookies.server';
import { db } from './db.server';
import { hashToken } from './tokens.server';

export const SESSION_COOKIE = 'acquit_session';

export type SessionUser = {
  id: string;
  businessId: string;
  email: string;
  name: string;
  role: 'owner' | 'staff';
  sessionId: string;
};

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return serializeCookie(SESSION_COOKIE, token, { maxAge: maxAgeSeconds, sameSite: 'Lax' });
}

export function clearSessionCookie(): string {
  return serializeCookie(SESSION_COOKIE, '', { maxAge: 0 });
}

/** The signed-in user, or null for no cookie, an unknown, expired or revoked session, or a disabled user. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await db()
    .select({
      id: users.id,
      businessId: users.businessId,
      email: users.email,
      name: users.name,
      role: users.role,
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    );
  if (!row) return null;
  const { lastSeenAt, ...user } = row;
  // "Last seen" for the sessions page, written at most every five minutes rather than on every request.
  if (Date.now() - lastSeenAt.getTime() > 5 * 60_000) {
    await db().update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.sessionId));
  }
  return user;
}

/** For admin loaders and actions: the user, or a redirect to the login page (then back here). */
export async function requireUser(request: Request, opts: { role?: 'owner' } = {}): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const next = url.pathname + url.search;
    throw redirect(`/admin/login?next=${encodeURIComponent(next)}`, {
      headers: { 'Set-Cookie': clearSessionCookie() },
    });
  }
  if (opts.role === 'owner' && user.role !== 'owner') {
    throw new Response('Only the owner can do this. / Réservé au propriétaire du compte.', { status: 403 });
  }
  return user;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db()
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
