import { and, eq, inArray, sql } from 'drizzle-orm';
import { invoices } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { DbOrTx, Tx } from '~/utils/db.server';
import { creditedMinorSql, paidMinorSql, processingMinorSql } from './balance.server';

export type Ledger = {
  totalMinor: number;
  paidMinor: number;
  creditedMinor: number;
  processingMinor: number;
  balanceMinor: number;
};

export async function invoiceLedger(tx: DbOrTx, invoiceId: string): Promise<Ledger | null> {
  const id = sql`${invoiceId}::uuid`;
  const rows = await tx.execute<{ total: string; paid: string; credited: string; processing: string }>(sql`
    SELECT total_minor AS total, ${paidMinorSql(id)} AS paid, ${creditedMinorSql(id)} AS credited,
      ${processingMinorSql(id)} AS processing
    FROM invoices WHERE id = ${id}`);
  const row = rows[0];
  if (!row) return null;
  const totalMinor = Number(row.total);
  const paidMinor = Number(row.paid);
  const creditedMinor = Number(row.credited);
  return {
    totalMinor,
    paidMinor,
    creditedMinor,
    processingMinor: Number(row.processing),
    balanceMinor: Math.max(0, totalMinor - paidMinor - creditedMinor),
  };
}

/**
 * Brings the invoice's status in line with its ledger: open (or written off) -> paid when the balance reaches zero,
 * paid -> open
 * when a refund or lost chargeback reopens it. Guarded updates, so it records each transition once however often
 * it runs. Call it inside the transaction that changed the ledger, after locking the invoice row.
 */
export async function syncPaidState(
  tx: Tx,
  input: { invoiceId: string; actor: Actor; now?: Date },
): Promise<'paid' | 'reopened' | 'unchanged'> {
  const ledger = await invoiceLedger(tx, input.invoiceId);
  if (!ledger) return 'unchanged';
  const now = input.now ?? new Date();
  if (ledger.balanceMinor === 0) {
    const [row] = await tx
      .update(invoices)
      .set({ status: 'paid', paidAt: now })
      .where(and(eq(invoices.id, input.invoiceId), inArray(invoices.status, ['open', 'uncollectible'])))
      .returning({ businessId: invoices.businessId, customerId: invoices.customerId });
    if (!row) return 'unchanged';
    await recordEvent(tx, {
      ...row,
      invoiceId: input.invoiceId,
      type: 'invoice.paid',
      actor: input.actor,
      data: { ...ledger },
    });
    return 'paid';
  }
  const [row] = await tx
    .update(invoices)
    .set({ status: 'open', paidAt: null })
    .where(and(eq(invoices.id, input.invoiceId), eq(invoices.status, 'paid')))
    .returning({ businessId: invoices.businessId, customerId: invoices.customerId });
  if (!row) return 'unchanged';
  await recordEvent(tx, {
    ...row,
    invoiceId: input.invoiceId,
    type: 'invoice.reopened',
    actor: input.actor,
    data: { ...ledger },
  });
  return 'reopened';
}

/**
 * Locks the invoice row for the rest of the transaction: ledger changes to one invoice happen one at a time.
 * FOR NO KEY UPDATE, the lock an UPDATE of non-key columns takes anyway: an invoice's id never changes and an
 * invoice is never deleted, so rows that merely reference it (an event, a payment, a reminder claim: the key-share
 * lock of their foreign key) are inserted without waiting for the ledger change to commit.
 */
export async function lockInvoice(tx: Tx, invoiceId: string, businessId?: string) {
  const [row] = await tx
    .select()
    .from(invoices)
    .where(
      businessId
        ? and(eq(invoices.id, invoiceId), eq(invoices.businessId, businessId))
        : eq(invoices.id, invoiceId),
    )
    .for('no key update');
  return row ?? null;
}
