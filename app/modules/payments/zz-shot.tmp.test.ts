import { writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { createPaidInvoice, createPartlyPaidInvoice } from '../../../test/factories';
import { renderReceiptPdf } from './receipt-pdf.server';

test('shot', async () => {
  const a = await createPaidInvoice();
  writeFileSync('/tmp/shots/receipt-en.pdf', (await renderReceiptPdf(a.paymentId, 'en'))!);
  const b = await createPartlyPaidInvoice({ paidMinor: 50_000 });
  writeFileSync('/tmp/shots/receipt-fr.pdf', (await renderReceiptPdf(b.paymentId, 'fr'))!);
});
