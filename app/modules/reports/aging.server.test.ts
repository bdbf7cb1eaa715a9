import { describe, expect, test } from 'vitest';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { voidInvoice } from '~/modules/invoices/void-invoice.server';
import { addDaysIso } from '~/utils/dates';
import { db } from '~/utils/db.server';
import {
  createBusiness,
  createCustomer,
  createDraftInvoice,
  createIssuedInvoice,
} from '../../../test/factories';
import { agingReport, type AgingBucket } from './aging.server';

const system = { type: 'system' } as const;
/** Monday 2 March 2026, 07:30 in Paris. */
const NOW = new Date('2026-03-02T06:30:00Z');

const line = (amountMinor: number) => [
  { description: 'Prestation', quantityMilli: 1000, unitPriceMinor: amountMinor, taxRateBps: 0 },
];

/** An open invoice of `amountMinor` falling due on `dueDate` (issued 30 days before). */
function invoiceDue(
  businessId: string,
  customerId: string,
  dueDate: string,
  amountMinor: number,
  currency = 'EUR',
) {
  return createIssuedInvoice({
    businessId,
    customerId,
    currency,
    issueDate: addDaysIso(dueDate, -30),
    termsDays: 30,
    lines: line(amountMinor),
  });
}

const zero = { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, days90plus: 0 };
const buckets = (values: Partial<Record<AgingBucket, number>>) => ({ ...zero, ...values });

describe('agingReport', () => {
  test('buckets by days late in the business zone, with the boundaries where they belong', async () => {
    const business = await createBusiness({ timeZone: 'Europe/Paris' });
    const acme = await createCustomer(business.id, { name: 'Acme' });
    const zenith = await createCustomer(business.id, { name: 'Zenith' });
    await invoiceDue(business.id, acme.id, '2026-03-02', 10_000); // due today: current
    await invoiceDue(business.id, acme.id, '2026-03-10', 5_000); // not yet due: current
    await invoiceDue(business.id, acme.id, '2026-03-01', 1_000); // 1 day late
    await invoiceDue(business.id, acme.id, '2026-01-31', 2_000); // 30 days late: still 1-30
    await invoiceDue(business.id, zenith.id, '2026-01-30', 3_000); // 31 days: 31-60
    await invoiceDue(business.id, zenith.id, '2026-01-01', 4_000); // 60 days: 31-60
    await invoiceDue(business.id, zenith.id, '2025-12-02', 7_000); // 90 days: 61-90
    await invoiceDue(business.id, zenith.id, '2025-12-01', 8_000); // 91 days: 90+
    await invoiceDue(business.id, zenith.id, '2026-02-01', 500, 'USD'); // 29 days, in dollars

    // Partly paid: only what is left counts (100,00 - 25,00, 91 days late).
    const partly = await invoiceDue(business.id, acme.id, '2025-12-01', 10_000);
    const paid = await recordOfflinePayment(db(), {
      businessId: business.id,
      invoiceId: partly.invoiceId,
      amountMinor: 2_500,
      method: 'bank_transfer',
      receivedOn: '2026-02-01',
      actor: system,
    });
    expect(paid.ok).toBe(true);
    // Paid in full, voided, draft, another business's: none of them is owed.
    const settled = await invoiceDue(business.id, acme.id, '2025-11-01', 9_000);
    await recordOfflinePayment(db(), {
      businessId: business.id,
      invoiceId: settled.invoiceId,
      amountMinor: 9_000,
      method: 'cheque',
      receivedOn: '2026-02-01',
      actor: system,
    });
    const voided = await invoiceDue(business.id, zenith.id, '2025-11-01', 9_000);
    await voidInvoice(db(), {
      businessId: business.id,
      invoiceId: voided.invoiceId,
      reason: 'Erreur',
      actor: system,
    });
    await createDraftInvoice({ businessId: business.id, customerId: acme.id, lines: line(9_000) });
    await createIssuedInvoice({ issueDate: '2025-10-01', lines: line(9_000) });

    const report = await agingReport(db(), { businessId: business.id, now: NOW });
    expect(report.asOf).toBe('2026-03-02');
    expect(report.totals).toEqual([
      {
        currency: 'EUR',
        amounts: buckets({
          current: 15_000,
          days1to30: 3_000,
          days31to60: 7_000,
          days61to90: 7_000,
          days90plus: 15_500,
        }),
        counts: buckets({ current: 2, days1to30: 2, days31to60: 2, days61to90: 1, days90plus: 2 }),
        totalMinor: 47_500,
        invoiceCount: 9,
      },
      {
        currency: 'USD',
        amounts: buckets({ days1to30: 500 }),
        counts: buckets({ days1to30: 1 }),
        totalMinor: 500,
        invoiceCount: 1,
      },
    ]);
    // Per currency, who owes the most first: Acme 100 + 50 + 10 + 20 + 75 = 255 €, Zenith 30 + 40 + 70 + 80 = 220 €.
    expect(report.customers.map((c) => [c.customerName, c.currency, c.totalMinor])).toEqual([
      ['Acme', 'EUR', 25_500],
      ['Zenith', 'EUR', 22_000],
      ['Zenith', 'USD', 500],
    ]);
    expect(report.customers[0]!.amounts).toEqual(
      buckets({ current: 15_000, days1to30: 3_000, days90plus: 7_500 }),
    );
    expect(report.customers[1]!.amounts).toEqual(
      buckets({ days31to60: 7_000, days61to90: 7_000, days90plus: 8_000 }),
    );

    expect(report.customerCount).toBe(3);

    // One page of one currency's lines; the totals still cover every currency.
    const page2 = await agingReport(db(), {
      businessId: business.id,
      now: NOW,
      currency: 'EUR',
      page: { limit: 1, offset: 1 },
    });
    expect(page2.customers.map((c) => c.customerName)).toEqual(['Zenith']);
    expect(page2.customerCount).toBe(2);
    expect(page2.totals.map((t) => t.currency)).toEqual(['EUR', 'USD']);

    const onlyZenith = await agingReport(db(), { businessId: business.id, now: NOW, customerId: zenith.id });
    expect(onlyZenith.customers.map((c) => c.customerName)).toEqual(['Zenith', 'Zenith']);
    expect(onlyZenith.totals.map((t) => t.totalMinor)).toEqual([22_000, 500]);
  });

  test("'today' is the business's: the same instant is a day late in Paris and due today in Los Angeles", async () => {
    // 23:30 UTC on 1 March: already 2 March in Paris, still 1 March in California.
    const instant = new Date('2026-03-01T23:30:00Z');
    const paris = await createBusiness({ timeZone: 'Europe/Paris' });
    const la = await createBusiness({ timeZone: 'America/Los_Angeles' });
    for (const b of [paris, la]) await invoiceDue(b.id, (await createCustomer(b.id)).id, '2026-03-01', 1_000);
    const inParis = await agingReport(db(), { businessId: paris.id, now: instant });
    const inLa = await agingReport(db(), { businessId: la.id, now: instant });
    expect(inParis.asOf).toBe('2026-03-02');
    expect(inParis.totals[0]!.amounts).toEqual(buckets({ days1to30: 1_000 }));
    expect(inLa.asOf).toBe('2026-03-01');
    expect(inLa.totals[0]!.amounts).toEqual(buckets({ current: 1_000 }));
  });

  test('nothing open: empty lines, and still the date it was counted on', async () => {
    const business = await createBusiness({ timeZone: 'Pacific/Auckland' });
    const report = await agingReport(db(), { businessId: business.id, now: NOW });
    expect(report).toEqual({ asOf: '2026-03-02', totals: [], customers: [], customerCount: 0 });
  });
});
