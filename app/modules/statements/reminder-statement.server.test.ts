import { describe, expect, test } from 'vitest';
import { previewReminder } from '~/modules/dunning/reminder-message.server';
import { db } from '~/utils/db.server';
import { createIssuedInvoice } from '../../../test/factories';
import { emailById, ISSUE_DATE, queue, setup } from '../../../test/support/reminders';
import { loadStatementCustomer } from './load-statement.server';

const STATEMENT_URL = /http:\/\/127\.0\.0\.1:3000\/s\/([A-Za-z0-9_-]{43})/;

describe('reminders and the statement link', () => {
  test('one open invoice: no statement link; two or more: a freshly minted one to this customer', async () => {
    const { invoice, step, customer, seller } = await setup('en');
    const single = await queue(invoice.invoiceId, step(7), '2026-11-07');
    if (!('emailId' in single)) throw new Error('not queued');
    expect((await emailById(single.emailId)).text).not.toMatch(STATEMENT_URL);

    const second = await createIssuedInvoice({
      businessId: seller.id,
      customerId: customer.id,
      issueDate: ISSUE_DATE,
    });
    const queued = await queue(second.invoiceId, step(7), '2026-11-07');
    if (!('emailId' in queued)) throw new Error('not queued');
    const mail = await emailById(queued.emailId);
    expect(mail.text).toContain('You have 2 open invoices with us');
    const token = STATEMENT_URL.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    expect(mail.html).toContain(`/s/${token}`);
    expect((await loadStatementCustomer(db(), token!))?.customerId).toBe(customer.id);

    // The admin's preview shows where the link goes without minting one.
    const preview = await previewReminder(db(), {
      invoiceId: second.invoiceId,
      step: step(7),
      locale: 'fr',
      asOf: '2026-11-07',
    });
    expect(preview.text).toContain('/s/…');
    expect(preview.text).toContain('Vous avez 2 factures ouvertes');
  });
});
