import { and, eq, sql } from 'drizzle-orm';
import { invoices } from '#db/schema/index';
import { creditedMinorSql, paidMinorSql } from '~/modules/invoices/balance.server';
import type { DbOrTx } from '~/utils/db.server';
import type { RecordFacts } from './credit-policies';

export type PaymentRecord = RecordFacts & {
  /** What is owed past its due date, per currency (largest first). */
  overdue: { currency: string; balanceMinor: number; invoices: number }[];
};

/**
 * A customer's payment record from its history. Paid invoices: how many, how many were paid by their due date,
 * and how many days late they were paid on average (0 for those on time); the payment day is the day the invoice
 * became paid, in the business's time zone, so a payment at 23:30 on the due date is on time and one at 00:30 the
 * next morning is a day late. Current overdue: open invoices whose due date is before `today`, with what is still
 * owed on them, and how late the oldest is.
 */
export async function paymentRecord(
  db: DbOrTx,
  input: { customerId: string; timeZone: string; today: string },
): Promise<PaymentRecord> {
  const paidOn = sql`(${invoices.paidAt} AT TIME ZONE ${input.timeZone})::date`;
  const id = sql.raw('"invoices"."id"');
  const [paid, overdue] = await Promise.all([
    db
      .select({
        paid: sql<number>`count(*)`.mapWith(Number),
        onTime: sql<number>`count(*) FILTER (WHERE ${paidOn} <= ${invoices.dueDate})`.mapWith(Number),
        averageLate: sql<string | null>`avg(greatest(0, ${paidOn} - ${invoices.dueDate}))`,
      })
      .from(invoices)
      .where(and(eq(invoices.customerId, input.customerId), eq(invoices.status, 'paid'))),
    db
      .select({
        currency: invoices.currency,
        balance: sql<string>`sum(greatest(0, ${invoices.totalMinor} - ${paidMinorSql(id)} - ${creditedMinorSql(id)}))`,
        invoices: sql<number>`count(*)`.mapWith(Number),
        oldest: sql<number>`max(${input.today}::date - ${invoices.dueDate})`.mapWith(Number),
      })
      .from(invoices)
      .where(
        and(
          eq(invoices.customerId, input.customerId),
          eq(invoices.status, 'open'),
          sql`${invoices.dueDate} < ${input.today}::date`,
        ),
      )
      .groupBy(invoices.currency),
  ]);
  const row = paid[0];
  return {
    paidInvoices: row?.paid ?? 0,
    paidOnTime: row?.onTime ?? 0,
    averageDaysLate: row?.averageLate == null ? null : Math.round(Number(row.averageLate) * 10) / 10,
    oldestDaysLate: Math.max(0, ...overdue.map((o) => o.oldest)),
    overdue: overdue
      .map((o) => ({ currency: o.currency, balanceMinor: Number(o.balance), invoices: o.invoices }))
      .sort((a, b) => b.balanceMinor - a.balanceMinor),
  };
}
