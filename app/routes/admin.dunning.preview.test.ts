import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails, invoiceLinks } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createOverdueInvoice } from '../../test/factories';
import { type RunningApp } from '../../test/setup/app-server';
import { type HttpClient } from '../../test/setup/http';
import { textOf } from '../../test/support/admin-client';
import { dunningCounts, liveSteps, signInToDunning, stepForm } from '../../test/support/dunning-admin';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;
let defaultId: string;

beforeAll(async () => {
  ({ app, client, csrf, businessId, defaultId } = await signInToDunning());
});
afterAll(() => app.stop());

const counts = () => dunningCounts(businessId);
const step = (overrides: Record<string, string> = {}) => stepForm(csrf, overrides);

describe('live preview', () => {
  let invoice: Awaited<ReturnType<typeof createOverdueInvoice>>;
  let mostOverdue: Awaited<ReturnType<typeof createOverdueInvoice>>;
  beforeAll(async () => {
    invoice = await createOverdueInvoice(5, { businessId });
    mostOverdue = await createOverdueInvoice(50, { businessId });
  });
  async function sideEffects() {
    const [[l], [m], c] = await Promise.all([
      db().select({ n: count() }).from(invoiceLinks),
      db().select({ n: count() }).from(emails),
      counts(),
    ]);
    return { links: l!.n, emails: m!.n, ...c };
  }
  const frameText = (html: string) => textOf(html);

  it('renders the typed step on the chosen invoice in the chosen language, in a locked-down document, writing nothing', async () => {
    const before = await sideEffects();
    const response = await client.postForm(`/admin/dunning/${defaultId}/preview?lang=en`, {
      ...step({
        offsetDays: '7',
        subjectFr: 'Relance {{invoice_number}} — {{days_late}} j',
        subjectEn: 'Late: {{invoice_number}}',
      }),
      previewInvoiceId: invoice.invoiceId,
      previewLang: 'fr',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const text = frameText(response.body);
    // Rendered as of the day the step falls due for this invoice: due date + 7 days, so 7 days late.
    expect(text).toContain(`Relance ${invoice.number} — 7 j`);
    expect(text).toMatch(/Merci de régler 1[\s\u202f\u00a0]650,00/);
    expect(text).not.toContain('Late:');
    expect(await sideEffects()).toEqual(before);
  });

  it('lists what saving would refuse above the preview', async () => {
    const response = await client.postForm(`/admin/dunning/${defaultId}/preview?lang=en`, {
      ...step({ bodyEn: 'Hello {{client_name}}', offsetDays: '999' }),
      previewInvoiceId: invoice.invoiceId,
      previewLang: 'en',
    });
    expect(response.status).toBe(200);
    const text = frameText(response.body);
    expect(text).toContain('To fix before saving');
    expect(text).toContain('Message (EN) — “{{client_name}}” is not a known placeholder');
    expect(text).toContain('Offset in days — Enter a whole number of days');
  });

  it('shows a saved step on the most overdue invoice by default (the frame’s first document)', async () => {
    const seven = (await liveSteps(defaultId)).find((s) => s.offsetDays === 7)!;
    const response = await client.get(
      `/admin/dunning/${defaultId}/preview?lang=en&step=${seven.id}&previewLang=en`,
    );
    expect(response.status).toBe(200);
    expect(frameText(response.body)).toContain(`Reminder: invoice ${mostOverdue.number} is 7 days late`);
    const page = await client.get(`/admin/dunning/${defaultId}?lang=en&step=${seven.id}`);
    expect(page.body).toMatch(/<iframe[^>]*sandbox=""/);
    expect(page.body).toContain(`invoice=${mostOverdue.invoiceId}`);
  });

  it('refuses another business’s invoice without rendering it', async () => {
    const theirs = await createOverdueInvoice(10);
    const response = await client.postForm(`/admin/dunning/${defaultId}/preview?lang=en`, {
      ...step(),
      previewInvoiceId: theirs.invoiceId,
      previewLang: 'en',
    });
    expect(response.status).toBe(404);
    expect(frameText(response.body)).toContain('This invoice is no longer open');
    expect(response.body).not.toContain(theirs.number);
    const garbage = await client.postForm(`/admin/dunning/${defaultId}/preview?lang=en`, {
      ...step(),
      previewInvoiceId: "1' OR 1=1",
    });
    expect(garbage.status).toBe(404);
  });

  it('escapes what was typed in the subject', async () => {
    const response = await client.postForm(`/admin/dunning/${defaultId}/preview?lang=en`, {
      ...step({ subjectEn: '<img src=x onerror=alert(1)>' }),
      previewInvoiceId: invoice.invoiceId,
      previewLang: 'en',
    });
    expect(response.body).not.toContain('<img src=x');
    expect(response.body).toContain('&lt;img src=x');
  });

  it('needs the CSRF token like any POST', async () => {
    const response = await client.postForm(`/admin/dunning/${defaultId}/preview`, {
      ...step({ csrf: '' }),
      previewInvoiceId: invoice.invoiceId,
    });
    expect(response.status).toBe(403);
  });

  it('a random policy id previews nothing', async () => {
    const response = await client.get(`/admin/dunning/${randomUUID()}/preview?lang=en`);
    expect(response.status).toBe(404);
  });
});
