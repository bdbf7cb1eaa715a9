import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { invoices } from '#db/schema/index';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { createBusiness, createCustomer, createIssuedInvoice } from '../../../test/factories';
import { paymentRecord } from './payment-record.server';

const TODAY = '2026-06-16';
const timeZone = 'Europe/Paris';

/** An invoice due on `dueDate`, marked paid at `paidAt` (an instant), as syncPaidState would. */
async function paidAt(scope: { businessId: string; customerId: string }, dueDate: string, at: string) {
  const invoice = await createIssuedInvoice({ ...scope, issueDate: addDaysIso(dueDate, -30) });
  await db()
    .update(invoices)
    .set({ status: 'paid', paidAt: new Date(at) })
    .where(eq(invoices.id, invoice.invoiceId));
}

describe('a customer’s payment record', () => {
  test('the payment day is the business’s: 23:30 on the due date is on time, 00:30 the next day a day late', async () => {
    const { id: businessId } = await createBusiness({ timeZone });
    const { id: customerId } = await createCustomer(businessId);
    const scope = { businessId, customerId };
    // Paris is UTC+2 in summer.
    await paidAt(scope, '2026-05-01', '2026-05-01T21:30:00Z'); // 23:30 on the due date: on time
    await paidAt(scope, '2026-05-01', '2026-05-01T22:30:00Z'); // 00:30 on 2 May: 1 day late
    await paidAt(scope, '2026-04-01', '2026-03-25T10:00:00Z'); // early: on time, 0 days late
    await paidAt(scope, '2026-03-01', '2026-03-31T10:00:00Z'); // exactly 30 days late
    await paidAt(scope, '2026-02-01', '2026-03-04T10:00:00Z'); // 31 days late (February has 28 days)

    const record = await paymentRecord(db(), { customerId, timeZone, today: TODAY });
    expect(record).toMatchObject({ paidInvoices: 5, paidOnTime: 2, overdue: [], oldestDaysLate: 0 });
    // (0 + 1 + 0 + 30 + 31) / 5 = 12.4
    expect(record.averageDaysLate).toBe(12.4);
  });

  test('current overdue: what is still owed on open invoices past due (due today is not), and the oldest delay', async () => {
    const { id: businessId } = await createBusiness({ timeZone });
    const { id: customerId } = await createCustomer(businessId);
    const scope = { businessId, customerId };
    const issued = (dueDate: string) =>
      createIssuedInvoice({ ...scope, issueDate: addDaysIso(dueDate, -30) });
    await issued(TODAY); // due today: not overdue
    await issued(addDaysIso(TODAY, -1)); // 1 day late
    await issued(addDaysIso(TODAY, -61)); // 61 days late
    const partly = await issued(addDaysIso(TODAY, -60)); // 60 days late, 650 € of it paid
    await recordOfflinePayment(db(), {
      businessId,
      invoiceId: partly.invoiceId,
      amountMinor: 65_000,
      method: 'bank_transfer',
      receivedOn: TODAY,
      actor: { type: 'system' },
    });

    const record = await paymentRecord(db(), { customerId, timeZone, today: TODAY });
    expect(record.overdue).toEqual([{ currency: 'EUR', balanceMinor: 165_000 * 2 + 100_000, invoices: 3 }]);
    expect(record.oldestDaysLate).toBe(61);
    expect(record).toMatchObject({ paidInvoices: 0, paidOnTime: 0, averageDaysLate: null });
  });

  test('another customer’s invoices do not count', async () => {
    const { id: businessId } = await createBusiness({ timeZone });
    const { id: customerId } = await createCustomer(businessId);
    const { id: otherId } = await createCustomer(businessId);
    await createIssuedInvoice({ businessId, customerId: otherId, issueDate: addDaysIso(TODAY, -60) });
    const record = await paymentRecord(db(), { customerId, timeZone, today: TODAY });
    expect(record).toEqual({
      paidInvoices: 0,
      paidOnTime: 0,
      averageDaysLate: null,
      oldestDaysLate: 0,
      overdue: [],
    });
  });
});
