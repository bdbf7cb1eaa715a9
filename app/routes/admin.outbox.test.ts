import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createIssuedInvoice, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
let client: HttpClient;
let businessId: string;

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId));
});
afterAll(() => app.stop());

async function emailOf(invoiceId: string) {
  const [row] = await db().select().from(emails).where(eq(emails.invoiceId, invoiceId));
  return row!;
}

describe('outbox', () => {
  it('lists the business’s emails, newest first, with recipients, subject and status', async () => {
    const older = await createIssuedInvoice({ businessId });
    const newer = await createIssuedInvoice({ businessId });
    const theirs = await createIssuedInvoice();
    const response = await client.get('/admin/outbox?lang=en');
    expect(response.status).toBe(200);
    const text = textOf(response.body);
    const [a, b] = [await emailOf(newer.invoiceId), await emailOf(older.invoiceId)];
    const subject = (s: string) => s.replace(/\s+/g, ' ');
    expect(text.indexOf(subject(a.subject))).toBeGreaterThan(-1);
    expect(text.indexOf(subject(a.subject))).toBeLessThan(text.indexOf(subject(b.subject)));
    expect(text).toContain(a.to[0]!);
    expect(text).toContain(`Cc: ${a.cc[0]}`);
    expect(text).toContain('Not sent (outbox)');
    expect(text).toContain('2 emails');
    expect(text).not.toContain((await emailOf(theirs.invoiceId)).to[0]);
  });

  it('shows one email: headers, a sandboxed frame for the HTML, and the text part with its link', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const email = await emailOf(invoice.invoiceId);
    const response = await client.get(`/admin/outbox/${email.id}?lang=en`);
    expect(response.status).toBe(200);
    const text = textOf(response.body);
    expect(text).toContain(email.fromAddress);
    expect(text).toContain(email.to[0]!);
    expect(text).toContain(email.cc[0]!);
    expect(response.body).toMatch(
      new RegExp(
        `<iframe[^>]*src="/admin/outbox/${email.id}/html"[^>]*sandbox=""|<iframe[^>]*sandbox=""[^>]*src="/admin/outbox/${email.id}/html"`,
      ),
    );
    expect(response.body).toContain(`href="${invoice.url}"`);
  });

  it('serves the HTML with its own locked-down headers, once each', async () => {
    const invoice = await createIssuedInvoice({ businessId });
    const email = await emailOf(invoice.invoiceId);
    const response = await client.get(`/admin/outbox/${email.id}/html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
    );
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toBe(email.html);
  });

  it('lets the admin pages frame our own origin', async () => {
    const response = await client.get('/admin/outbox');
    expect(response.headers.get('content-security-policy')).toMatch(/frame-src 'self' /);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('is a 404 for another business’s email, an unknown id and junk, and a login redirect without a session', async () => {
    const theirs = await emailOf((await createIssuedInvoice()).invoiceId);
    for (const path of [
      `/admin/outbox/${theirs.id}`,
      `/admin/outbox/${theirs.id}/html`,
      '/admin/outbox/nope',
      '/admin/outbox/00000000-0000-4000-8000-000000000000',
    ]) {
      expect((await client.get(path)).status, path).toBe(404);
    }
    const anonymous = await (
      await import('../../test/setup/http')
    )
      .createClient(app.url)
      .get(`/admin/outbox/${theirs.id}/html`);
    expect(anonymous.status).toBe(302);
  });
});
