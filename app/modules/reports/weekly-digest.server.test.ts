import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { disputes, payments, promises, refunds } from '#db/schema/index';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { addDaysIso } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createIssuedInvoice } from '../../../test/factories';
import { digestWeek, weeklyDigestData } from './weekly-digest.server';

const system = { type: 'system' } as const;
/** Monday 2 March 2026, 07:30 in Paris: the period is 23 February - 1 March, the week 2 - 8 March. */
const NOW = new Date('2026-03-02T06:30:00Z');

describe('digestWeek', () => {
  test.each([
    ['2026-03-02T06:00:00Z', 'Europe/Paris', '2026-03-02', '2026-W10', true], // Monday 07:00 in Paris
    ['2026-03-02T05:59:59Z', 'Europe/Paris', '2026-03-02', '2026-W10', false], // 06:59
    ['2026-03-02T06:30:00Z', 'America/New_York', '2026-03-02', '2026-W10', false], // 01:30 in New York
    ['2026-03-02T12:00:00Z', 'America/New_York', '2026-03-02', '2026-W10', true],
    ['2026-03-01T22:00:00Z', 'Pacific/Auckland', '2026-03-02', '2026-W10', true], // 11:00 Monday in Auckland
    ['2026-03-03T06:30:00Z', 'Europe/Paris', '2026-03-03', '2026-W10', false], // Tuesday
    ['2026-12-28T08:00:00Z', 'Europe/Paris', '2026-12-28', '2026-W53', true], // 2026 has 53 ISO weeks
    ['2027-01-04T08:00:00Z', 'Europe/Paris', '2027-01-04', '2027-W01', true],
  ])('%s in %s is %s, %s, due: %s', (at, zone, today, isoWeek, due) => {
    expect(digestWeek(zone, new Date(at))).toEqual({ today, isoWeek, due });
  });
});

async function pay(invoiceId: string, businessId: string, amountMinor: number, at: string) {
  const result = await recordOfflinePayment(db(), {
    businessId,
    invoiceId,
    amountMinor,
    method: 'bank_transfer',
    receivedOn: at.slice(0, 10),
    actor: system,
  });
  if (!result.ok) throw new Error(result.error);
  await db()
    .update(payments)
    .set({ succeededAt: new Date(at) })
    .where(eq(payments.id, result.paymentId));
  return result.paymentId;
}

const line = (amountMinor: number) => [
  { description: 'Prestation', quantityMilli: 1000, unitPriceMinor: amountMinor, taxRateBps: 0 },
];
const invoiceDue = (
  businessId: string,
  customerId: string,
  dueDate: string,
  amountMinor: number,
  currency = 'EUR',
) =>
  createIssuedInvoice({
    businessId,
    customerId,
    currency,
    issueDate: addDaysIso(dueDate, -30),
    termsDays: 30,
    lines: line(amountMinor),
  });

describe('weeklyDigestData', () => {
  test('hand-built week: aging, collected net of refunds at the period edges, promises, disputes', async () => {
    const business = await createBusiness({ timeZone: 'Europe/Paris' });
    const acme = await createCustomer(business.id, { name: 'Acme' });
    const zenith = await createCustomer(business.id, { name: 'Zenith' });
    const inv1 = await invoiceDue(business.id, acme.id, '2026-03-10', 100_000); // current
    const inv2 = await invoiceDue(business.id, acme.id, '2026-02-01', 50_000); // 29 days late
    const inv3 = await invoiceDue(business.id, zenith.id, '2026-02-15', 20_000, 'USD');
    const inv4 = await invoiceDue(business.id, zenith.id, '2026-01-15', 20_000); // 46 days late

    const big = await pay(inv1.invoiceId, business.id, 30_000, '2026-02-27T10:00:00Z'); // in the period
    await pay(inv2.invoiceId, business.id, 10_000, '2026-02-22T22:30:00Z'); // Sunday 22nd, 23:30 in Paris: before
    await pay(inv2.invoiceId, business.id, 5_000, '2026-03-01T22:30:00Z'); // Sunday 1st, 23:30 in Paris: last day
    await pay(inv2.invoiceId, business.id, 2_000, '2026-03-01T23:30:00Z'); // already Monday in Paris: next week's
    await pay(inv3.invoiceId, business.id, 20_000, '2026-02-25T09:00:00Z'); // paid in full, in dollars
    await db()
      .insert(refunds)
      .values([
        {
          paymentId: big,
          amountMinor: 4_000,
          status: 'succeeded',
          createdAt: new Date('2026-02-28T12:00:00Z'),
        },
        { paymentId: big, amountMinor: 1_000, status: 'failed', createdAt: new Date('2026-02-28T12:00:00Z') },
      ]);

    await db()
      .insert(promises)
      .values([
        // Due this week, no amount named: the balance (1 000 - 300 + 40 refunded = 740).
        { invoiceId: inv1.invoiceId, promisedDate: '2026-03-05', status: 'active', source: 'debtor' },
        // Its date passed on an invoice still open: broken, whether or not the sweep has marked it yet.
        { invoiceId: inv2.invoiceId, promisedDate: '2026-02-27', status: 'active', source: 'debtor' },
        // Marked broken during the period, and one marked broken long before (left out).
        {
          invoiceId: inv4.invoiceId,
          promisedDate: '2026-02-20',
          amountMinor: 15_000,
          status: 'broken',
          source: 'staff',
          resolvedAt: new Date('2026-02-25T08:00:00Z'),
        },
        {
          invoiceId: inv4.invoiceId,
          promisedDate: '2026-01-20',
          status: 'broken',
          source: 'staff',
          resolvedAt: new Date('2026-01-25T08:00:00Z'),
        },
        // On a paid invoice: nothing to chase.
        { invoiceId: inv3.invoiceId, promisedDate: '2026-03-03', status: 'active', source: 'debtor' },
      ]);
    // Next Monday's promise is next week's news.
    const inv5 = await invoiceDue(business.id, acme.id, '2026-03-20', 1_000);
    await db()
      .insert(promises)
      .values({ invoiceId: inv5.invoiceId, promisedDate: '2026-03-09', status: 'active', source: 'debtor' });

    await db()
      .insert(disputes)
      .values([
        {
          invoiceId: inv4.invoiceId,
          reason: 'not_delivered',
          status: 'waiting_for_us',
          amountMinor: 20_000,
          scope: 'invoice',
          openedAt: new Date('2026-02-10T09:00:00Z'),
        },
        {
          invoiceId: inv2.invoiceId,
          reason: 'wrong_amount',
          status: 'waiting_for_them',
          amountMinor: 5_000,
          scope: 'invoice',
          openedAt: new Date('2026-02-20T09:00:00Z'),
        },
        {
          invoiceId: inv1.invoiceId,
          reason: 'other',
          status: 'accepted',
          amountMinor: 1_000,
          scope: 'invoice',
          openedAt: new Date('2026-01-01T09:00:00Z'),
        },
      ]);

    const data = await weeklyDigestData(db(), {
      businessId: business.id,
      timeZone: 'Europe/Paris',
      now: NOW,
    });
    expect(data).toMatchObject({
      today: '2026-03-02',
      isoWeek: '2026-W10',
      periodFrom: '2026-02-23',
      periodTo: '2026-03-01',
    });
    expect(data.collected).toEqual([
      { currency: 'EUR', receivedMinor: 35_000, paymentCount: 2, refundedMinor: 4_000, netMinor: 31_000 },
      { currency: 'USD', receivedMinor: 20_000, paymentCount: 1, refundedMinor: 0, netMinor: 20_000 },
    ]);
    // Open in euros: 740 (current), 500 - 170 = 330 (1-30), 200 (31-60), 10 (current).
    expect(data.aging).toHaveLength(1);
    expect(data.aging[0]).toMatchObject({
      currency: 'EUR',
      amounts: { current: 75_000, days1to30: 33_000, days31to60: 20_000, days61to90: 0, days90plus: 0 },
      totalMinor: 128_000,
    });
    expect(data.promisesDue).toEqual([
      {
        invoiceId: inv1.invoiceId,
        invoiceNumber: inv1.number,
        customerName: 'Acme',
        promisedDate: '2026-03-05',
        amountMinor: 74_000,
        currency: 'EUR',
      },
    ]);
    expect(data.promisesBroken.map((p) => [p.invoiceNumber, p.promisedDate, p.amountMinor])).toEqual([
      [inv4.number, '2026-02-20', 15_000],
      [inv2.number, '2026-02-27', 33_000],
    ]);
    expect(data.disputes).toEqual({
      openCount: 2,
      oldest: {
        invoiceNumber: inv4.number,
        customerName: 'Zenith',
        openedOn: '2026-02-10',
        amountMinor: 20_000,
        currency: 'EUR',
      },
    });
  });

  test('a quiet week: nothing owed, nothing collected, no promise, no dispute', async () => {
    const business = await createBusiness({ timeZone: 'America/New_York' });
    const data = await weeklyDigestData(db(), {
      businessId: business.id,
      timeZone: business.timeZone,
      now: NOW,
    });
    // 01:30 on Monday in New York: the period still ends on Sunday 1 March.
    expect(data).toEqual({
      today: '2026-03-02',
      isoWeek: '2026-W10',
      due: false,
      periodFrom: '2026-02-23',
      periodTo: '2026-03-01',
      aging: [],
      collected: [],
      promisesDue: [],
      promisesBroken: [],
      disputes: { openCount: 0, oldest: null },
    });
  });
});
