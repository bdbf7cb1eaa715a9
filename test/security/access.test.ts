/**
 * Who may reach what: debtor actions with another invoice's token or a dead one, admin routes with no session, a
 * revoked, expired or disabled user's session, a stranger's ids, staff on owner-only routes; and guessing tokens
 * and passwords runs into the rate limits and stays there.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { invoiceLinks, sessions, users } from '#db/schema/index';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import { db } from '~/utils/db.server';
import { hashToken, newToken } from '~/utils/tokens.server';
import { createClient, csrfFrom, type HttpClient, type HttpResponse } from '../setup/http';
import { loginAs } from '../support/admin-client';
import { ENDPOINTS, isBearer, pathOf, todayOf, type Endpoint } from './endpoints';
import { expectNoSecretsLogged, freshIp, startHarness, stopHarness, type Harness } from './harness';
import { changedTables, dbFingerprint, urlencoded } from './hostile';
import type { Side } from './world';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 90_000);
afterAll(() => stopHarness(h));

const adminRoutes = ENDPOINTS.filter((e) => e.access === 'admin' || e.access === 'owner');
const debtorRoutes = ENDPOINTS.filter(isBearer);
const label = (e: Endpoint) => `${e.method} ${e.path}`;

/** A valid request to `e` on `side` from `client`: GET, or POST with the form's first valid values. */
async function call(client: HttpClient, csrf: string, e: Endpoint, side: Side, params = e.params?.(side)) {
  const path = pathOf(e, params);
  if (e.method === 'GET') return client.get(path, { headers: freshIp() });
  const fields = e.fields ? Object.entries(e.fields(side, todayOf())) : [];
  const { sample } = await import('fast-check');
  const pairs: [string, string][] = [
    ['csrf', csrf],
    ...fields.map(([k, a]) => [k, sample(a, 1)[0]!] as [string, string]),
  ];
  return client.request('POST', path, urlencoded(pairs), {
    headers: { ...freshIp(), 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** Never the business's data: no invoice number, customer or business name of either side. */
function expectNoData(res: HttpResponse, context: string) {
  for (const id of [h.world.a.open.invoiceId, h.world.a.customerId, h.world.a.owner.email]) {
    expect(res.body, context).not.toContain(id);
  }
}

describe('admin routes refuse anyone without a live session', () => {
  async function expectLoginWall(client: HttpClient, csrf: string, what: string) {
    const before = await dbFingerprint();
    for (const e of adminRoutes) {
      const res = await call(client, csrf, e, h.world.a);
      const context = `${what}: ${label(e)} answered ${res.status} ${res.location ?? ''}`;
      // A POST without a valid session may also fail its CSRF check (403) first: never data either way.
      expect([302, 401, 403], context).toContain(res.status);
      if (res.status === 302 && !res.location?.startsWith('/admin/login')) {
        // /admin sends everyone to the invoice list first, which then asks for a login.
        const next = await client.get(res.location!, { headers: freshIp() });
        expect(next.status, context).toBe(302);
        expect(next.location, context).toMatch(/^\/admin\/login(\?|$)/);
      } else if (res.status === 302) expect(res.location, context).toMatch(/^\/admin\/login(\?|$)/);
      expectNoData(res, context);
    }
    expect(changedTables(before, await dbFingerprint()).filter((t) => t !== 'sessions')).toEqual([]);
  }

  test('no session at all', async () => {
    const client = createClient(h.app.url);
    const csrf = csrfFrom((await client.get('/admin/login')).body);
    await expectLoginWall(client, csrf, 'anonymous');
  });

  test('a forged session cookie', async () => {
    const client = createClient(h.app.url);
    const csrf = csrfFrom((await client.get('/admin/login')).body);
    client.cookies.set('acquit_session', newToken());
    await expectLoginWall(client, csrf, 'forged');
  });

  test('a revoked session, an expired one, a disabled user', async () => {
    for (const how of ['revoked', 'expired', 'disabled'] as const) {
      const user = h.world.a.staff;
      const client = await loginAs(h.app, user);
      const csrf = csrfFrom((await client.get('/admin/invoices/new')).body);
      const [session] = await db()
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.userId, user.id))
        .orderBy(sql`${sessions.createdAt} desc`)
        .limit(1);
      if (how === 'revoked')
        await db().update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, session!.id));
      if (how === 'expired')
        await db()
          .update(sessions)
          .set({ expiresAt: new Date(Date.now() - 1000) })
          .where(eq(sessions.id, session!.id));
      if (how === 'disabled')
        await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
      try {
        await expectLoginWall(client, csrf, how);
      } finally {
        if (how === 'disabled')
          await db().update(users).set({ disabledAt: null }).where(eq(users.id, user.id));
      }
    }
  });

  test('logging out revokes the session server-side: the old cookie opens nothing', async () => {
    const client = await loginAs(h.app, h.world.a.owner);
    const csrf = csrfFrom((await client.get('/admin/invoices/new')).body);
    const cookie = client.cookies.get('acquit_session')!;
    expect((await client.postForm('/admin/logout', { csrf })).status).toBe(302);
    const replay = createClient(h.app.url);
    replay.cookies.set('acquit_session', cookie);
    const res = await replay.get('/admin/invoices');
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/admin\/login/);
  });
});

describe("a business's users never reach another business's rows", () => {
  test.each(adminRoutes.filter((e) => e.params).map((e) => [label(e), e] as const))('%s', async (_, e) => {
    const before = await dbFingerprint();
    // Business A's owner, with business B's ids in the path.
    const res = await call(h.admin, h.adminCsrf, e, h.world.a, e.params!(h.world.b));
    expect(res.status, `${res.status} ${res.body.slice(0, 200)}`).toBe(404);
    expect(changedTables(before, await dbFingerprint())).toEqual([]);
  });
});

describe('staff and owner', () => {
  test("staff reach every page the table marks 'admin'; 'owner' routes answer them 403", async () => {
    const staff = await loginAs(h.app, h.world.a.staff);
    const csrf = csrfFrom((await staff.get('/admin/invoices/new')).body);
    const gets = adminRoutes.filter((e) => e.method === 'GET');
    expect(gets.length).toBeGreaterThan(10);
    for (const e of gets) {
      const res = await call(staff, csrf, e, h.world.a);
      if (e.access === 'owner') expect(res.status, label(e)).toBe(403);
      else expect([200, 302], `${label(e)}: ${res.status}`).toContain(res.status);
    }
    for (const e of adminRoutes.filter((x) => x.method === 'POST' && x.access === 'owner')) {
      const before = await dbFingerprint();
      expect((await call(staff, csrf, e, h.world.a)).status, label(e)).toBe(403);
      expect(changedTables(before, await dbFingerprint())).toEqual([]);
    }
  });
});

describe('debtor routes: a token reaches its own invoice and nothing else', () => {
  test('dead tokens (expired, revoked, unknown) get the same 404 on every debtor route, GET and POST', async () => {
    const expired = await mintInvoiceLink(db(), h.world.a.open.invoiceId);
    await db()
      .update(invoiceLinks)
      .set({ createdAt: sql`now() - interval '2 days'`, expiresAt: sql`now() - interval '1 second'` })
      .where(eq(invoiceLinks.tokenHash, hashToken(expired.token)));
    const revoked = await mintInvoiceLink(db(), h.world.a.open.invoiceId);
    await db()
      .update(invoiceLinks)
      .set({ revokedAt: new Date() })
      .where(eq(invoiceLinks.tokenHash, hashToken(revoked.token)));
    const before = await dbFingerprint();
    for (const token of [expired.token, revoked.token, newToken()]) {
      for (const e of debtorRoutes) {
        const params = { ...e.params!(h.world.a), token };
        const res = await call(h.debtor, h.debtorCsrf, e, h.world.a, params);
        expect(res.status, `${label(e)} with a dead token`).toBe(404);
      }
    }
    expect(changedTables(before, await dbFingerprint())).toEqual([]);
  });

  test("another invoice's token never opens this invoice's receipts, credit notes or letters", async () => {
    const a = h.world.a;
    const cases = [
      `/i/${a.open.token}/receipt/${a.paid.paymentId}`,
      `/i/${h.world.b.paid.token}/receipt/${a.paid.paymentId}`,
      `/i/${a.open.token}/credit-note/${a.credited.creditNoteId}`,
      `/i/${h.world.b.credited.token}/credit-note/${a.credited.creditNoteId}`,
    ];
    for (const path of cases) {
      const res = await h.debtor.get(path, { headers: freshIp() });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type') ?? '').not.toContain('pdf');
    }
  });

  test("a dispute on another invoice's lines, or a message into another invoice's dispute, writes nothing", async () => {
    const before = await dbFingerprint();
    const post = (token: string, pairs: [string, string][]) =>
      h.debtor.request('POST', `/i/${token}/dispute`, urlencoded([['csrf', h.debtorCsrf], ...pairs]), {
        headers: { ...freshIp(), 'content-type': 'application/x-www-form-urlencoded' },
      });
    const lines = await post(h.world.b.open.token, [
      ['intent', 'open'],
      ['scope', 'lines'],
      ['lineIds', h.world.a.open.lineIds[0]!],
      ['reason', 'other'],
      ['message', 'not mine'],
    ]);
    expect(lines.status).toBe(400);
    const message = await post(h.world.b.disputed.token, [
      ['intent', 'message'],
      ['disputeId', h.world.a.disputed.disputeId],
      ['body', 'injected'],
    ]);
    expect(message.status).toBeGreaterThanOrEqual(400);
    expect(message.status).toBeLessThan(500);
    expect(changedTables(before, await dbFingerprint())).toEqual([]);
  });
});

describe('guessing hits the rate limits, and stays there', () => {
  test('tokens: after 20 misses from one address, 429, even for a real token', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.23' };
    const client = createClient(h.app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++)
      statuses.push((await client.get(`/i/${newToken()}`, { headers: ip })).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses.slice(20)).toEqual(Array(4).fill(429));
    const real = await client.get(`/i/${h.world.a.open.token}`, { headers: ip });
    expect(real.status).toBe(429);
    expect((await client.get(`/i/${h.world.a.open.token}/pdf`, { headers: ip })).status).toBe(429);
    // Another address is not punished for it.
    expect((await client.get(`/i/${h.world.a.open.token}`, { headers: freshIp() })).status).toBe(200);
  });

  test('passwords: after 10 failures from one address, 429, even with the right password', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.77' };
    const client = createClient(h.app.url);
    const csrf = csrfFrom((await client.get('/admin/login')).body);
    const attempt = (password: string, email = `nobody-${Math.random()}@atelier.test`) =>
      client.request(
        'POST',
        '/admin/login',
        urlencoded([
          ['csrf', csrf],
          ['email', email],
          ['password', password],
        ]),
        {
          headers: { ...ip, 'content-type': 'application/x-www-form-urlencoded' },
        },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await attempt(`guess-${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(3).fill(429));
    const right = await attempt(h.world.b.owner.password, h.world.b.owner.email);
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie().some((c) => c.startsWith('acquit_session=') && !/=;/.test(c))).toBe(
      false,
    );
  });

  test('debtor form posts: 60 per address, then 429', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.99', 'content-type': 'application/x-www-form-urlencoded' };
    const body = urlencoded([
      ['csrf', h.debtorCsrf],
      ['promisedDate', 'not-a-date'],
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++)
      statuses.push(
        (await h.debtor.request('POST', `/i/${h.world.a.open.token}/promise`, body, { headers: ip })).status,
      );
    expect(new Set(statuses.slice(0, 60))).toEqual(new Set([400]));
    expect(statuses.slice(60)).toEqual([429, 429]);
  }, 30_000);
});

test('nothing this suite did put a token, cookie, password or secret in the log', () => {
  expectNoSecretsLogged(h.app.logs(), h.secrets());
});
