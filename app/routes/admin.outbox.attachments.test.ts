import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emails } from '#db/schema/index';
import { queueReceiptEmail } from '~/modules/payments/receipt-email.server';
import { db } from '~/utils/db.server';
import { createBusiness, createPartlyPaidInvoice, createUser } from '../../test/factories';
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

async function receiptEmail(options: { businessId?: string } = {}) {
  const invoice = await createPartlyPaidInvoice({ ...options, paidMinor: 50_000 });
  await db().transaction((tx) => queueReceiptEmail(tx, { paymentId: invoice.paymentId }));
  const [email] = await db()
    .select()
    .from(emails)
    .where(and(eq(emails.invoiceId, invoice.invoiceId), eq(emails.template, 'payment-receipt')));
  return { invoice, email: email! };
}

describe('outbox attachments', () => {
  it('the email page lists the receipt PDF, which downloads as it was sent', async () => {
    const { invoice, email } = await receiptEmail({ businessId });
    const list = textOf((await client.get('/admin/outbox?lang=en')).body);
    expect(list).toContain('Payment receipt');
    const page = await client.get(`/admin/outbox/${email.id}?lang=en`);
    expect(textOf(page.body)).toContain(`Attachments receipt-${invoice.number}.pdf`);
    expect(page.body).toContain(`href="/admin/outbox/${email.id}/attachments/0"`);

    const pdf = await client.get(`/admin/outbox/${email.id}/attachments/0`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`receipt-${invoice.number}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is a 404 for a missing index and for another business’s email', async () => {
    const { email } = await receiptEmail({ businessId });
    for (const index of ['1', '-1', 'x', '0.5']) {
      expect((await client.get(`/admin/outbox/${email.id}/attachments/${index}`)).status, index).toBe(404);
    }
    const theirs = await receiptEmail();
    expect((await client.get(`/admin/outbox/${theirs.email.id}/attachments/0`)).status).toBe(404);
  });
});
