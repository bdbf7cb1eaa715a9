import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { creditNotes, invoices, payments, refunds, tasks } from '#db/schema/index';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { addDaysIso } from '~/utils/dates';
import { db } from '~/utils/db.server';
import {
  at,
  createBusiness,
  createCustomer,
  createInvoiceDueOn,
  createIssuedInvoice,
  dispute,
  promise,
  voidIt,
} from '../../../test/factories';
import { dashboardFigures, dsoDays, monthStartBefore } from './dashboard.server';

const system = { type: 'system' } as const;
const TODAY = '2026-03-02';
/** Monday 2 March 2026, 07:30 in Paris. */
const NOW = at(TODAY, 7, 30);
const line = (amountMinor: number) => [
  { description: 'Prestation', quantityMilli: 1000, unitPriceMinor: amountMinor, taxRateBps: 0 },
];

async function pay(invoiceId: string, businessId: string, amountMinor: number, succeededAt: Date) {
  const result = await recordOfflinePayment(db(), {
    businessId,
    invoiceId,
    amountMinor,
    method: 'bank_transfer',
    receivedOn: TODAY,
    actor: system,
  });
  if (!result.ok) throw new Error(result.error);
  await db().update(payments).set({ succeededAt }).where(eq(payments.invoiceId, invoiceId));
  const [row] = await db().select().from(payments).where(eq(payments.invoiceId, invoiceId));
  return row!;
}

describe('dsoDays', () => {
  test('outstanding over the window sales, times the window, one decimal; none without sales', () => {
    expect(dsoDays(30_000, 90_000)).toBe(30);
    expect(dsoDays(10_000, 30_000)).toBe(30);
    expect(dsoDays(1, 3)).toBe(30);
    expect(dsoDays(2, 7)).toBe(25.7);
    expect(dsoDays(500, 0)).toBeNull();
  });

  test('month starts count back across years', () => {
    expect(monthStartBefore('2026-03-02', 0)).toBe('2026-03-01');
    expect(monthStartBefore('2026-03-31', 5)).toBe('2025-10-01');
    expect(monthStartBefore('2026-01-15', 1)).toBe('2025-12-01');
  });
});

describe('dashboardFigures', () => {
  test('hand-built ledger: outstanding, overdue, collected this month, DSO window edges, promises, disputes, tasks, trend', async () => {
    const business = await createBusiness({ timeZone: 'Europe/Paris' });
    const b = business.id;
    const acme = await createCustomer(b, { name: 'Acme' });
    const usd = await createCustomer(b, { name: 'Yankee' });

    // Open, in the 90-day window: issued today (due in 30 days) and 89 days ago (the window's first day).
    await createIssuedInvoice({ businessId: b, customerId: acme.id, issueDate: TODAY, lines: line(10_000) });
    const first = await createIssuedInvoice({
      businessId: b,
      customerId: acme.id,
      issueDate: addDaysIso(TODAY, -89),
      termsDays: 30,
      lines: line(20_000),
    });
    // 90 days ago: outside the window; still open and overdue, so outstanding, not sales.
    await createIssuedInvoice({
      businessId: b,
      customerId: acme.id,
      issueDate: addDaysIso(TODAY, -90),
      termsDays: 30,
      lines: line(40_000),
    });
    // Due today: owed, not overdue. Due yesterday: overdue, partly paid (15 000 left).
    await createInvoiceDueOn(TODAY, { businessId: b, customerId: acme.id, termsDays: 0, lines: line(5_000) });
    const late = await createInvoiceDueOn(addDaysIso(TODAY, -1), {
      businessId: b,
      customerId: acme.id,
      termsDays: 0,
      lines: line(25_000),
    });
    const partial = await pay(late.invoiceId, b, 10_000, at('2026-03-01', 9, 0));
    // Paid in full in January: in the trend, not in this month's collections.
    const paidLastMonth = await createIssuedInvoice({
      businessId: b,
      customerId: acme.id,
      issueDate: addDaysIso(TODAY, -40),
      lines: line(7_000),
    });
    await pay(paidLastMonth.invoiceId, b, 7_000, at('2026-01-31', 23, 30));
    // 00:30 on 1 March in Paris is still 28 February in UTC: this month, counted in the business's zone.
    const paidEarlyMarch = await createIssuedInvoice({
      businessId: b,
      customerId: acme.id,
      issueDate: addDaysIso(TODAY, -10),
      lines: line(3_000),
    });
    const march = await pay(paidEarlyMarch.invoiceId, b, 3_000, at('2026-03-01', 0, 30));
    // A refund made this month reduces this month's collections (the invoice's status is not this test's concern).
    await db().insert(refunds).values({ paymentId: march.id, amountMinor: 1_000, status: 'succeeded' });
    await db()
      .update(refunds)
      .set({ createdAt: at('2026-03-01', 12, 0) })
      .where(eq(refunds.paymentId, march.id));
    expect(partial.amountMinor).toBe(10_000);
    // Void and draft: neither sales nor owed.
    await voidIt(
      await createIssuedInvoice({
        businessId: b,
        customerId: acme.id,
        issueDate: TODAY,
        lines: line(99_000),
      }),
    );
    // Dollars: kept apart.
    const dollars = await createInvoiceDueOn(addDaysIso(TODAY, -40), {
      businessId: b,
      customerId: usd.id,
      currency: 'USD',
      lines: line(6_000),
    });

    // Promises: due in 6 days counts, in 7 days does not.
    await promise(first.invoiceId, addDaysIso(TODAY, 6));
    await promise(dollars.invoiceId, addDaysIso(TODAY, 7));
    await dispute(late);
    for (const [dueOn, status] of [
      [TODAY, 'open'],
      [addDaysIso(TODAY, -3), 'open'],
      [addDaysIso(TODAY, 1), 'open'],
      [TODAY, 'done'],
    ] as const) {
      await db().insert(tasks).values({ businessId: b, kind: 'call', title: 'Appel', dueOn, status });
    }
    // Another business's figures never leak in.
    await createInvoiceDueOn(addDaysIso(TODAY, -5), { lines: line(1_000_000) });

    const dash = await dashboardFigures(db(), { businessId: b, now: NOW });
    expect(dash.today).toBe(TODAY);
    expect(dash.monthStart).toBe('2026-03-01');
    const eur = dash.currencies.find((c) => c.currency === 'EUR')!;
    // Open: 10 000 + 20 000 + 40 000 + 5 000 + 15 000.
    expect(eur.outstandingMinor).toBe(90_000);
    expect(eur.outstandingCount).toBe(5);
    // Overdue: 20 000 (due 59 days ago), 40 000, 15 000 (due yesterday); due today is not late.
    expect(eur.overdueMinor).toBe(75_000);
    expect(eur.overdueCount).toBe(3);
    // This month: 10 000 (1 March) + 3 000 (00:30 on 1 March, Paris) - 1 000 refunded.
    expect(eur.collectedThisMonthMinor).toBe(12_000);
    // Sales from 3 December to today: 10 000 + 20 000 + 5 000 + 25 000 + 7 000 + 3 000; not the 40 000 of 2 December.
    expect(eur.salesMinor).toBe(70_000);
    // 90 000 / 70 000 x 90 days.
    expect(eur.dsoDays).toBe(115.7);
    expect(eur.promisesDueCount).toBe(1);
    expect(eur.promisesDueMinor).toBe(20_000);

    const dollarLine = dash.currencies.find((c) => c.currency === 'USD')!;
    expect(dollarLine).toMatchObject({
      outstandingMinor: 6_000,
      overdueMinor: 6_000,
      salesMinor: 6_000,
      promisesDueCount: 0,
      collectedThisMonthMinor: 0,
    });
    expect(dash.currencies.map((c) => c.currency)).toEqual(['EUR', 'USD']);
    expect(dash.openDisputes).toBe(1);
    expect(dash.tasksDue).toBe(2);
    expect(dash.trend.filter((p) => p.currency === 'EUR')).toEqual([
      { month: '2025-10', currency: 'EUR', netMinor: 0 },
      { month: '2025-11', currency: 'EUR', netMinor: 0 },
      { month: '2025-12', currency: 'EUR', netMinor: 0 },
      { month: '2026-01', currency: 'EUR', netMinor: 7_000 },
      { month: '2026-02', currency: 'EUR', netMinor: 0 },
      { month: '2026-03', currency: 'EUR', netMinor: 12_000 },
    ]);
  });

  test('the maintained settled amount always equals the ledger derived from payments, refunds and credit notes', async () => {
    const business = await createBusiness();
    const late = await createInvoiceDueOn(addDaysIso(TODAY, -10), {
      businessId: business.id,
      lines: line(50_000),
    });
    const payment = await pay(late.invoiceId, business.id, 20_000, NOW);
    await db().insert(refunds).values({ paymentId: payment.id, amountMinor: 5_000, status: 'pending' });
    await db().update(refunds).set({ status: 'failed' }).where(eq(refunds.paymentId, payment.id));
    await db().update(payments).set({ chargebackAmountMinor: 2_000 }).where(eq(payments.id, payment.id));
    await db()
      .insert(creditNotes)
      .values({
        businessId: business.id,
        invoiceId: late.invoiceId,
        number: `AV-${late.number}`,
        numberYear: 2026,
        numberSeq: 1,
        currency: 'EUR',
        amountMinor: 3_000,
        reason: 'Geste commercial',
      });
    // Against the ledger's own definition (balance.server.ts), so changing one without the other fails here.
    const id = sql`i.id`;
    const check = await db().execute<{ settled: string; derived: string }>(sql`
      SELECT i.settled_minor AS settled, ${paidMinorSql(id)} + ${creditedMinorSql(id)} AS derived
      FROM invoices i WHERE i.id = ${late.invoiceId}::uuid`);
    // 20 000 paid, the pending refund then failed (not counted), 2 000 charged back, 3 000 credited.
    expect(Number(check[0]!.settled)).toBe(21_000);
    expect(Number(check[0]!.derived)).toBe(21_000);
    await db().delete(refunds).where(eq(refunds.paymentId, payment.id));
    await db().update(payments).set({ status: 'failed' }).where(eq(payments.id, payment.id));
    await db().delete(creditNotes).where(eq(creditNotes.invoiceId, late.invoiceId));
    const [after] = await db()
      .select({ settled: invoices.settledMinor })
      .from(invoices)
      .where(eq(invoices.id, late.invoiceId));
    expect(after!.settled).toBe(0);
  });
});
