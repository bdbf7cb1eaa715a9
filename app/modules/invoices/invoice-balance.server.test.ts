import { sql } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import { createInvoiceDueOn } from '../../../test/factories';
import { secondConnection } from '../../../test/support/dunning';
import { recordEvent } from '~/modules/audit/record-event.server';
import { db } from '~/utils/db.server';
import { lockInvoice } from './invoice-balance.server';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

test('a ledger change holding its invoice lets rows that reference the invoice be written meanwhile', async () => {
  const invoice = await createInvoiceDueOn('2026-06-01');
  const other = secondConnection();
  cleanups.push(other.close);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));

  const ledgerChange = db().transaction(async (tx) => {
    expect(await lockInvoice(tx, invoice.invoiceId)).not.toBeNull();
    locked();
    await held;
  });
  // If the lock itself fails, fail here rather than wait for a lock that never comes.
  await Promise.race([lockTaken, ledgerChange]);
  try {
    // Another transaction appends to the invoice's timeline (a view, a webhook's event, a reminder claim): the
    // foreign key takes a key-share lock on the invoice, which must not wait for the ledger change.
    const written = await other.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL lock_timeout = '2s'`);
      return recordEvent(tx, {
        businessId: invoice.businessId,
        invoiceId: invoice.invoiceId,
        type: 'invoice.viewed',
        actor: { type: 'system' },
      });
    });
    expect(written).toBe(true);
    // Two ledger changes to one invoice still go one at a time.
    const second = other.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL lock_timeout = '300ms'`);
      return lockInvoice(tx, invoice.invoiceId);
    });
    await expect(second).rejects.toMatchObject({ cause: { code: '55P03' } }); // lock_not_available
  } finally {
    release();
    await ledgerChange;
  }
});
