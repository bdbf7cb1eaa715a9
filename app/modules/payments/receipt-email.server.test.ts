import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { contacts, emails, events, payments } from '#db/schema/index';
import { createCustomer, createIssuedInvoice, createPartlyPaidInvoice } from '../../../test/factories';
import { queueReceiptEmail } from './receipt-email.server';
import { recordOfflinePayment } from './record-offline-payment.server';
import { db } from '~/utils/db.server';

const receiptsOf = (invoiceId: string) =>
  db()
    .select()
    .from(emails)
    .where(and(eq(emails.invoiceId, invoiceId), eq(emails.template, 'payment-receipt')));

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('queueReceiptEmail', () => {
  test('queues one receipt however often it is called, to the billing contact with accounts payable copied', async () => {
    const invoice = await createPartlyPaidInvoice({ paidMinor: 50_000 });
    for (let i = 0; i < 3; i++)
      await db().transaction((tx) => queueReceiptEmail(tx, { paymentId: invoice.paymentId }));
    await Promise.all(
      [1, 2].map(() => db().transaction((tx) => queueReceiptEmail(tx, { paymentId: invoice.paymentId }))),
    );

    const [email, ...others] = await receiptsOf(invoice.invoiceId);
    expect(others).toHaveLength(0);
    const people = await db().select().from(contacts).where(eq(contacts.customerId, invoice.customerId));
    const billing = people.find((p) => p.roles.includes('billing'))!.email;
    const payable = people.find((p) => p.roles.includes('accounts_payable'))!.email;
    expect(email).toMatchObject({
      dedupeKey: `receipt:${invoice.paymentId}`,
      locale: 'fr',
      to: [billing],
      cc: [payable],
      status: 'outbox',
      attachments: [
        { filename: `receipt-${invoice.number}.pdf`, kind: 'payment-receipt', refId: invoice.paymentId },
      ],
    });
    expect(squash(email!.subject)).toContain(`500,00 € pour la facture ${invoice.number}`);
    expect(squash(email!.text)).toContain('Il reste 1 150,00 € à régler');

    const timeline = await db()
      .select()
      .from(events)
      .where(and(eq(events.invoiceId, invoice.invoiceId), eq(events.type, 'payment.receipt_emailed')));
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.data).toMatchObject({
      paymentId: invoice.paymentId,
      emailedTo: [billing],
      copied: [payable],
    });
  });

  test('writes in the customer’s language', async () => {
    const invoice = await createIssuedInvoice();
    const customer = await createCustomer(invoice.businessId, { locale: 'en' });
    const other = await createPartlyPaidInvoice({
      businessId: invoice.businessId,
      customerId: customer.id,
      paidMinor: 165_000,
    });
    await db().transaction((tx) => queueReceiptEmail(tx, { paymentId: other.paymentId }));
    const [email] = await receiptsOf(other.invoiceId);
    expect(email!.locale).toBe('en');
    expect(email!.subject).toContain(`Payment received: €1,650.00 for invoice ${other.number}`);
    expect(squash(email!.text)).toContain(`Invoice ${other.number} is now fully paid.`);
  });

  test('sends nothing for a payment that has not succeeded, or when nobody can receive it', async () => {
    const invoice = await createIssuedInvoice();
    const [pending] = await db()
      .insert(payments)
      .values({
        businessId: invoice.businessId,
        customerId: invoice.customerId,
        invoiceId: invoice.invoiceId,
        currency: 'EUR',
        amountMinor: 10_000,
        status: 'processing',
        method: 'sepa_debit',
        stripePaymentIntentId: `pi_test_${invoice.invoiceId}`,
      })
      .returning();
    await db().transaction((tx) => queueReceiptEmail(tx, { paymentId: pending!.id }));
    expect(await receiptsOf(invoice.invoiceId)).toHaveLength(0);

    await db()
      .update(contacts)
      .set({ emailSuppressedAt: new Date() })
      .where(eq(contacts.customerId, invoice.customerId));
    const paid = await recordOfflinePayment(db(), {
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      amountMinor: 10_000,
      method: 'cheque',
      receivedOn: invoice.issueDate,
      actor: { type: 'system' },
    });
    await db().transaction((tx) => queueReceiptEmail(tx, { paymentId: paid.ok ? paid.paymentId : '' }));
    expect(await receiptsOf(invoice.invoiceId)).toHaveLength(0);
  });
});
