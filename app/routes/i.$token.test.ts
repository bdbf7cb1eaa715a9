import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { events, invoiceLinks } from '#db/schema/index';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient } from '../../test/setup/http';
import { createIssuedInvoice, createPartlyPaidInvoice } from '../../test/factories';
import { revokeInvoiceLinks } from '~/modules/links/revoke-links.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import { db } from '~/utils/db.server';
import { newToken } from '~/utils/tokens.server';

let app: RunningApp;
beforeAll(async () => {
  // Debug level logs every request, so the last test can check that none of them carries a token.
  app = await startApp({ LOG_LEVEL: 'debug' });
});
afterAll(() => app.stop());

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/i/') + 3);

/** Row counts of every table but events: what a GET must never change. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await db().execute<{ tablename: string }>(
    sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('events', '__drizzle_migrations')`,
  );
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await db().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(tablename)}`,
    );
    counts[tablename] = row!.n;
  }
  return counts;
}

describe('the debtor link /i/<token>', () => {
  test('shows its own invoice with the legal mentions, privately', async () => {
    const invoice = await createIssuedInvoice();
    const res = await createClient(app.url).get(`/i/${invoice.token}`, {
      headers: { 'accept-language': 'fr-FR' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain(invoice.number);
    expect(res.body).toContain('Conception graphique');
    expect(res.body.replace(/[\u00a0\u202f]/g, ' ')).toContain('1 650,00 €');
    expect(res.body).toContain('SIREN');
    expect(res.body).toMatch(/BCE major/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow"/>');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' https:\/\/js\.stripe\.com/);
  });

  test('speaks English from Accept-Language or ?lang=en', async () => {
    const invoice = await createIssuedInvoice();
    const client = createClient(app.url);
    const en = await client.get(`/i/${invoice.token}`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.body).toContain('Balance due');
    expect(en.body).toContain('€1,650.00');
    const switched = await client.get(`/i/${invoice.token}?lang=en`, {
      headers: { 'accept-language': 'fr' },
    });
    expect(switched.body).toContain('<html lang="en"');
  });

  test('unknown, malformed, expired and revoked tokens all get the very same 404', async () => {
    const expired = await createIssuedInvoice();
    await db()
      .update(invoiceLinks)
      .set({ createdAt: sql`now() - interval '2 days'`, expiresAt: sql`now() - interval '1 second'` })
      .where(eq(invoiceLinks.invoiceId, expired.invoiceId));
    const revoked = await createIssuedInvoice();
    await revokeInvoiceLinks(db(), {
      businessId: revoked.businessId,
      invoiceId: revoked.invoiceId,
      actor: { type: 'system' },
    });
    const client = createClient(app.url);
    const answers = await Promise.all(
      [newToken(), 'short', `${newToken()}x`, '%00%27', tokenOf(expired.url), tokenOf(revoked.url)].map((t) =>
        client.get(`/i/${t}`, { headers: { 'accept-language': 'en' } }),
      ),
    );
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const bodies = answers.map((r) => r.body.replace(/nonce="[^"]+"/g, '').replace(/nonce-[^']+/g, ''));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('Link not found');
  });

  test('a token reaches only its own invoice', async () => {
    const a = await createIssuedInvoice();
    const b = await createIssuedInvoice({ businessId: a.businessId });
    const client = createClient(app.url);
    const pageA = await client.get(`/i/${a.token}`);
    expect(pageA.body).toContain(a.number);
    expect(pageA.body).not.toContain(b.number);
    const pdfB = await client.get(`/i/${b.token}/pdf`);
    expect(pdfB.headers.get('content-type')).toBe('application/pdf');
    expect(pdfB.headers.get('content-disposition')).toContain(b.number);
    expect(pdfB.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a GET writes nothing but one "viewed" event per visit', async () => {
    const invoice = await createPartlyPaidInvoice();
    const link = await mintInvoiceLink(db(), invoice.invoiceId);
    const before = await tableCounts();
    const viewsBefore = await db().select().from(events).where(eq(events.invoiceId, invoice.invoiceId));
    const client = createClient(app.url);
    const ua = { 'user-agent': 'Mozilla/5.0 (test phone)' };
    for (let i = 0; i < 3; i++)
      expect((await client.get(`/i/${link.token}`, { headers: ua })).status).toBe(200);
    await client.get(`/i/${link.token}/pdf`, { headers: ua });
    expect(await tableCounts()).toEqual(before);
    const after = await db().select().from(events).where(eq(events.invoiceId, invoice.invoiceId));
    const added = after.filter((e) => !viewsBefore.some((v) => v.id === e.id));
    expect(added.map((e) => e.type)).toEqual(['invoice.viewed']);
    expect(added[0]).toMatchObject({ actorType: 'debtor', userAgent: 'Mozilla/5.0 (test phone)' });
    // Another browser is another visit.
    await client.get(`/i/${link.token}`, { headers: { 'user-agent': 'Other browser' } });
    const again = await db().select().from(events).where(eq(events.invoiceId, invoice.invoiceId));
    expect(again.length).toBe(after.length + 1);
  });

  test('each payment received has its receipt, reachable only through its own invoice', async () => {
    const invoice = await createPartlyPaidInvoice();
    const link = await mintInvoiceLink(db(), invoice.invoiceId);
    const client = createClient(app.url);
    const page = await client.get(`/i/${link.token}`, { headers: { 'accept-language': 'fr' } });
    const href = /href="(\/i\/[^"]+\/receipt\/[0-9a-f-]{36})\?lang=fr"/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const pdf = await client.get(href!);
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const other = await createIssuedInvoice();
    const paymentId = href!.split('/').pop();
    expect((await client.get(`/i/${other.token}/receipt/${paymentId}`)).status).toBe(404);
  });

  test('the log never carries a token', async () => {
    const invoice = await createIssuedInvoice();
    await createClient(app.url).get(`/i/${invoice.token}`);
    await createClient(app.url).get(`/i/${invoice.token}/pdf`);
    expect(app.logs()).toContain('/i/[token]');
    expect(app.logs()).not.toContain(invoice.token);
  });

  test('guessing tokens hits the rate limit, and a blocked caller stays blocked', async () => {
    const client = createClient(app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await client.get(`/i/${newToken()}`)).status);
    // Earlier tests in this file also failed lookups from 127.0.0.1; 20 failures in 10 minutes is the limit.
    const firstBlocked = statuses.indexOf(429);
    expect(firstBlocked).toBeGreaterThan(0);
    expect(statuses.slice(0, firstBlocked).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(firstBlocked).every((s) => s === 429)).toBe(true);
    const valid = await createIssuedInvoice();
    expect((await client.get(`/i/${valid.token}`)).status).toBe(429);
  });
});
