import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  createBusiness,
  createIssuedInvoice,
  createPaidInvoice,
  createPartlyPaidInvoice,
} from '../../../test/factories';
import { recordOfflinePayment } from './record-offline-payment.server';
import { receiptRef, renderReceiptPdf } from './receipt-pdf.server';
import { db } from '~/utils/db.server';

const dir = mkdtempSync(join(tmpdir(), 'receipt-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdftotext in reading order (the rotated stamp too), whitespace collapsed so assertions read like sentences. */
function pdfText(pdf: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('renderReceiptPdf', () => {
  test('prints the seller, the receipt reference, the amount, the method and the balance after (fr)', async () => {
    const invoice = await createPartlyPaidInvoice({ paidMinor: 50_000 });
    const pdf = await renderReceiptPdf(invoice.paymentId, 'fr');
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf!);
    expect(text).toContain('REÇU DE PAIEMENT');
    expect(text).toContain(`Réf. ${receiptRef(invoice.paymentId)}`);
    expect(text).toContain('Atelier Test');
    expect(text).toContain('SIREN');
    expect(text).toContain('500,00 €');
    expect(text).toContain('Virement');
    expect(text).toContain(`VIR ${invoice.number}`);
    expect(text).toContain(`Facture ${invoice.number}`);
    expect(text).toContain('Total TTC 1 650,00 €');
    expect(text).toContain('Reste à payer après ce paiement 1 150,00 €');
    expect(text).not.toContain('FACTURE SOLDÉE');
  });

  test('says "fully paid" in English once the balance is zero', async () => {
    const invoice = await createPaidInvoice();
    const text = pdfText((await renderReceiptPdf(invoice.paymentId, 'en'))!);
    expect(text).toContain('PAYMENT RECEIPT');
    expect(text).toContain('AMOUNT RECEIVED €1,650.00');
    expect(text).toContain('Bank transfer');
    expect(text).toContain('Balance due after this payment €0.00');
    expect(text).toContain('FULLY PAID');
  });

  test('the balance after an earlier payment ignores the payments that came later', async () => {
    const invoice = await createPartlyPaidInvoice({ paidMinor: 40_000 });
    const second = await recordOfflinePayment(db(), {
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      amountMinor: 30_000,
      method: 'cheque',
      receivedOn: invoice.issueDate,
      reference: 'CHQ 0042',
      actor: { type: 'system' },
    });
    expect(second.ok).toBe(true);
    expect(pdfText((await renderReceiptPdf(invoice.paymentId, 'fr'))!)).toContain('1 250,00 €');
    const later = pdfText((await renderReceiptPdf(second.ok ? second.paymentId : '', 'fr'))!);
    expect(later).toContain('Chèque');
    expect(later).toContain('Reste à payer après ce paiement 950,00 €');
  });

  test('is null outside its scope, for unknown ids and for payments that did not succeed', async () => {
    const invoice = await createPaidInvoice();
    const other = await createIssuedInvoice({ businessId: (await createBusiness()).id });
    expect(
      await renderReceiptPdf(invoice.paymentId, 'fr', { scope: { businessId: other.businessId } }),
    ).toBeNull();
    expect(
      await renderReceiptPdf(invoice.paymentId, 'fr', { scope: { invoiceId: other.invoiceId } }),
    ).toBeNull();
    expect(
      await renderReceiptPdf(invoice.paymentId, 'fr', { scope: { invoiceId: invoice.invoiceId } }),
    ).not.toBeNull();
    expect(await renderReceiptPdf('not-a-uuid', 'fr')).toBeNull();
    expect(await renderReceiptPdf('00000000-0000-4000-8000-000000000000', 'fr')).toBeNull();
  });
});
