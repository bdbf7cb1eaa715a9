import { describe, expect, test } from 'vitest';
import { db } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import {
  createBusiness,
  createCustomer,
  createOverdueInvoice,
  createPartlyPaidInvoice,
} from '../../../test/factories';
import { pdfText } from '../../../test/support/reminders';
import { renderStatementPdf } from './statement-pdf.server';

describe('the statement of account PDF', () => {
  test('opening balance, invoices, payments, closing balance equal to what is owed, aging, in both languages', async () => {
    const businessId = (await createBusiness()).id;
    const customerId = (await createCustomer(businessId)).id;
    // 1 650,00 € 40 days late, and 1 650,00 € not yet due with 660,00 € paid by transfer.
    await createOverdueInvoice(40, { businessId, customerId });
    await createPartlyPaidInvoice({ businessId, customerId, paidMinor: 66_000 });
    const today = todayIn('Europe/Paris');
    const en = await renderStatementPdf(db(), { businessId, customerId, locale: 'en', today });
    const text = pdfText(en!);
    expect(text).toContain('Statement of account');
    expect(text).toContain('Opening balance');
    expect(text).toMatch(/Payment, invoice \d{4}-\d{6}/);
    expect(text).toContain('Closing balance');
    expect(text).toContain('€2,640.00');
    expect(text).toContain('31-60 days');
    expect(text).toContain('Aging of the balance');

    const fr = pdfText((await renderStatementPdf(db(), { businessId, customerId, locale: 'fr', today }))!);
    expect(fr).toContain('Relevé de compte');
    expect(fr).toContain('Solde de clôture');
    expect(fr).toContain('2 640,00');

    // Another business's customer is not there.
    const stranger = (await createBusiness()).id;
    expect(
      await renderStatementPdf(db(), { businessId: stranger, customerId, locale: 'en', today }),
    ).toBeNull();
  });
});
