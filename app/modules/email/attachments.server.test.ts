import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dunningSteps, emails } from '#db/schema/index';
import { createIssuedInvoice, createPartlyPaidInvoice } from '../../../test/factories';
import { ensureDefaultPolicy } from '~/modules/dunning/ensure-default-policy.server';
import { queueReminderEmail } from '~/modules/dunning/reminder-message.server';
import { startResendFake, type ResendFake } from '../../../test/fakes/resend';
import { LOGO_PNG, pdfImages } from '../../../test/support/pdf';
import { queueReceiptEmail } from '~/modules/payments/receipt-email.server';
import { formalNoticeRef } from '~/modules/dunning/formal-notice-pdf.server';
import { saveLogo } from '~/modules/settings/logo.server';
import { renderStatementPdf } from '~/modules/statements/statement-pdf.server';
import { renderAttachment } from './attachments.server';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { deliverQueuedEmails } from '~/utils/email.server';

let resend: ResendFake;
const dir = mkdtempSync(join(tmpdir(), 'attachments-'));

beforeAll(async () => {
  resend = await startResendFake();
  // env() is read on first use, after this: the whole file delivers through the fake.
  process.env.RESEND_API_KEY = 're_test_key';
  process.env.RESEND_BASE_URL = resend.url;
});
afterAll(async () => {
  await resend.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('delivering an email with attachments', () => {
  test('the receipt PDF is rendered at delivery and handed to Resend; the outbox keeps only its description', async () => {
    const invoice = await createPartlyPaidInvoice({ paidMinor: 50_000 });
    await db().transaction((tx) => queueReceiptEmail(tx, { paymentId: invoice.paymentId }));
    const where = and(eq(emails.invoiceId, invoice.invoiceId), eq(emails.template, 'payment-receipt'));
    const [queued] = await db().select().from(emails).where(where);
    expect(queued!.status).toBe('queued');

    // Other queued mail (the invoice itself) goes out in the same run.
    await deliverQueuedEmails(db(), 10);
    const [sent] = await db().select().from(emails).where(where);
    expect(sent!.status).toBe('sent');
    expect(sent!.attachments).toEqual([
      { filename: `receipt-${invoice.number}.pdf`, kind: 'payment-receipt', refId: invoice.paymentId },
    ]);

    const delivered = resend.emails.find((e) => e.idempotencyKey === `email-${sent!.id}`)!;
    const [attachment, ...more] = delivered.body.attachments as { filename: string; content: string }[];
    expect(more).toHaveLength(0);
    expect(attachment!.filename).toBe(`receipt-${invoice.number}.pdf`);
    const pdf = Buffer.from(attachment!.content, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(dir, 'receipt.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('REÇU DE PAIEMENT');
    expect(text).toContain('MONTANT REÇU 500,00 €');
  });

  test('a formal notice goes out with its letter as a PDF, and the outbox keeps no live link', async () => {
    // Due 31 October 2026, so 45 days late is a fixed 1 650,00 € + 24,72 € + 40 € whatever today is.
    const invoice = await createIssuedInvoice({ issueDate: '2026-10-01' });
    const policyId = await ensureDefaultPolicy(db(), invoice.businessId);
    const [letter] = await db()
      .select()
      .from(dunningSteps)
      .where(and(eq(dunningSteps.policyId, policyId), eq(dunningSteps.channel, 'letter')));
    const asOf = addDaysIso(invoice.dueDate, 45);
    const queued = await db().transaction((tx) =>
      queueReminderEmail(tx, { invoiceId: invoice.invoiceId, step: letter!, asOf }),
    );
    if (!('emailId' in queued)) throw new Error(`not queued: ${queued.skipped}`);

    await deliverQueuedEmails(db(), 10);
    const [sent] = await db().select().from(emails).where(eq(emails.id, queued.emailId));
    expect(sent!.status).toBe('sent');
    expect(sent!.text).not.toMatch(/\/i\/[A-Za-z0-9_-]{43}/);
    expect(sent!.text).toContain('/i/[link]#pay');

    const delivered = resend.emails.find((e) => e.idempotencyKey === `email-${sent!.id}`)!;
    expect(delivered.body.text).toMatch(/\/i\/[A-Za-z0-9_-]{43}#pay/);
    const [attachment, ...more] = delivered.body.attachments as { filename: string; content: string }[];
    expect(more).toHaveLength(0);
    expect(attachment!.filename).toBe(`mise-en-demeure-${invoice.number}.pdf`);
    const file = join(dir, 'notice.pdf');
    writeFileSync(file, Buffer.from(attachment!.content, 'base64'));
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('LETTRE DE MISE EN DEMEURE');
    expect(text).toContain(`facture n° ${invoice.number}`);
    expect(text).toContain('Total à régler 1 714,72 €');
  });
});

describe("the business's logo", () => {
  test('heads the receipt, the formal notice and the statement once the business has one', async () => {
    const invoice = await createPartlyPaidInvoice({ paidMinor: 50_000 });
    const receipt = { kind: 'payment-receipt' as const, filename: 'r.pdf', refId: invoice.paymentId };
    const notice = {
      kind: 'formal-notice' as const,
      filename: 'n.pdf',
      refId: formalNoticeRef({
        invoiceId: invoice.invoiceId,
        letterDate: '2026-06-16',
        amountDueMinor: 70_000,
      }),
    };
    const statement = () =>
      renderStatementPdf(db(), {
        businessId: invoice.businessId,
        customerId: invoice.customerId,
        locale: 'fr',
        today: '2026-06-16',
      });
    const all = async () => [
      (await renderAttachment(db(), receipt, invoice.businessId, 'fr'))!,
      (await renderAttachment(db(), notice, invoice.businessId, 'fr'))!,
      (await statement())!,
    ];

    const images = (pdf: Buffer) => pdfImages(pdf).map((row) => row.slice(0, 5).join(' '));
    for (const pdf of await all()) expect(images(pdf)).toEqual([]);
    await saveLogo(db(), {
      businessId: invoice.businessId,
      bytes: LOGO_PNG,
      contentType: 'image/png',
      actor: { type: 'system' },
    });
    for (const pdf of await all()) {
      // Once, on the first page, at the logo's own size.
      expect(images(pdf)).toEqual(['1 0 image 3 2']);
    }
  });
});
