import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dunningSteps, emails } from '#db/schema/index';
import { ensureDefaultPolicy } from '~/modules/dunning/ensure-default-policy.server';
import { queueReminderEmail } from '~/modules/dunning/reminder-message.server';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createIssuedInvoice, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import type { HttpClient } from '../../test/setup/http';
import { loginAs, textOf } from '../../test/support/admin-client';

let app: RunningApp;
let client: HttpClient;
let businessId: string;
const dir = mkdtempSync(join(tmpdir(), 'outbox-notice-'));

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness()).id;
  client = await loginAs(app, await createUser(businessId));
});
afterAll(async () => {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('reminders in the outbox', () => {
  it('shows the formal notice email as sent, and its letter downloads as a PDF', async () => {
    const customer = await createCustomer(businessId, { locale: 'en' });
    const invoice = await createIssuedInvoice({
      businessId,
      customerId: customer.id,
      issueDate: '2026-10-01',
    });
    const policyId = await ensureDefaultPolicy(db(), businessId);
    const [letter] = await db()
      .select()
      .from(dunningSteps)
      .where(and(eq(dunningSteps.policyId, policyId), eq(dunningSteps.offsetDays, 45)));
    const queued = await db().transaction((tx) =>
      queueReminderEmail(tx, { invoiceId: invoice.invoiceId, step: letter!, asOf: '2026-12-15' }),
    );
    if (!('emailId' in queued)) throw new Error(`not queued: ${queued.skipped}`);
    const [email] = await db().select().from(emails).where(eq(emails.id, queued.emailId));

    const page = textOf((await client.get(`/admin/outbox/${email!.id}?lang=en`)).body);
    expect(page).toContain(`Formal notice to pay: invoice ${invoice.number}`);
    expect(page).toContain(`Attachments formal-notice-${invoice.number}.pdf`);

    const frame = await client.get(`/admin/outbox/${email!.id}/html`);
    expect(frame.status).toBe(200);
    const html = frame.body.replace(/\s+/g, ' ');
    expect(html).toContain('Late-payment penalties to date');
    expect(html).toContain('Total penalties due');
    expect(html).toContain('€64.72');

    const pdf = await client.get(`/admin/outbox/${email!.id}/attachments/0`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('LETTER OF FORMAL NOTICE');
    expect(text).toContain('by 23 December 2026 at the latest');
    expect(text).toContain('Total to pay €1,714.72');
  });
});
