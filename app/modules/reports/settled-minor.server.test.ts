import { eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { invoices, payments } from '#db/schema/index';
import { addDaysIso, todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { createBusiness, createInvoiceDueOn } from '../../../test/factories';

const line = (amountMinor: number) => [
  { description: 'Prestation', quantityMilli: 1000, unitPriceMinor: amountMinor, taxRateBps: 0 },
];

describe('invoices.settled_minor under concurrency', () => {
  test('two transactions adding payments to one invoice at once: the one that commits last sees both', async () => {
    const business = await createBusiness();
    const invoice = await createInvoiceDueOn(addDaysIso(todayIn('Europe/Paris'), -10), {
      businessId: business.id,
      lines: line(50_000),
    });
    const payment = (amountMinor: number) => ({
      businessId: business.id,
      customerId: invoice.customerId,
      invoiceId: invoice.invoiceId,
      currency: 'EUR',
      amountMinor,
      status: 'succeeded' as const,
      method: 'bank_transfer' as const,
    });
    // No application lock on purpose: the trigger's own lock must serialise the two recomputations.
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstInserted!: () => void;
    const firstHasInserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const first = db().transaction(async (tx) => {
      await tx.insert(payments).values(payment(10_000));
      firstInserted();
      await firstMayCommit;
    });
    await firstHasInserted;
    const second = db().transaction(async (tx) => {
      await tx.insert(payments).values(payment(5_000));
    });
    // The second insert's trigger waits on the invoice row the first one locked.
    await new Promise((r) => setTimeout(r, 300));
    const [waiting] = await db().execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
    expect(waiting!.n).toBeGreaterThanOrEqual(1);
    releaseFirst();
    await Promise.all([first, second]);
    const [row] = await db()
      .select({ settled: invoices.settledMinor })
      .from(invoices)
      .where(eq(invoices.id, invoice.invoiceId));
    expect(row!.settled).toBe(15_000);
  });
});
