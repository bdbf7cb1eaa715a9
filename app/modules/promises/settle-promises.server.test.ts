import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { promises } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { at, createInvoiceDueOn, payInFull } from '../../../test/factories';
import { remindersOf, sentOffsets, sweepAndSend, sweepDaily, tasksOf } from '../../../test/support/dunning';
import { eventTypes } from '../../../test/support/plans';
import { makePromise } from './make-promise.server';
import { settleDuePromises } from './settle-promises.server';

const debtor = { type: 'debtor', ip: '127.0.0.1', userAgent: 'vitest' } as const;
// Due Monday 1 June 2026 (default ladder: -3, +1, +7, +14 call, +30, +45, +60).
const D = '2026-06-01';

async function promiseOf(id: string) {
  return (await db().select().from(promises).where(eq(promises.id, id)))[0]!;
}

function promiseFor(invoiceId: string, promisedDate: string, amountMinor: number | null = null) {
  return makePromise(db(), {
    invoiceId,
    promisedDate,
    amountMinor,
    reason: 'cash_flow',
    note: null,
    source: 'debtor',
    actor: debtor,
  });
}

describe('promises to pay', () => {
  test('kept: paid in full before the date; reminders were paused until the day after', async () => {
    const invoice = await createInvoiceDueOn(D);
    await sweepDaily(addDaysIso(D, -5), addDaysIso(D, 2));
    const made = await promiseFor(invoice.invoiceId, addDaysIso(D, 10));
    if (!made.ok) throw new Error(made.error);
    await sweepDaily(addDaysIso(D, 3), addDaysIso(D, 9));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([-3, 1]); // +7 paused
    await payInFull(invoice, addDaysIso(D, 9));
    const counts = await settleDuePromises(db(), at(addDaysIso(D, 9), 12));
    expect(counts.kept).toBeGreaterThanOrEqual(1);
    expect(await promiseOf(made.promiseId)).toMatchObject({ status: 'kept' });
    expect(await eventTypes(invoice.invoiceId)).toContain('promise.kept');
    expect((await tasksOf(invoice.invoiceId)).filter((t) => t.dedupeKey?.startsWith('promise-'))).toEqual([]);
  });

  test('broken: the day after, an event, a call task, and the next step after the last one sent, at once', async () => {
    const invoice = await createInvoiceDueOn(D);
    await sweepDaily(addDaysIso(D, -5), addDaysIso(D, 8));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([-3, 1, 7]);
    const made = await promiseFor(invoice.invoiceId, addDaysIso(D, 10), 50_000);
    if (!made.ok) throw new Error(made.error);
    await sweepDaily(addDaysIso(D, 9), addDaysIso(D, 10));

    // On its date the promise still stands (nothing decided), the day after it is broken.
    await settleDuePromises(db(), at(addDaysIso(D, 10), 20));
    expect(await promiseOf(made.promiseId)).toMatchObject({ status: 'active' });
    await settleDuePromises(db(), at(addDaysIso(D, 11), 9, 1));
    await settleDuePromises(db(), at(addDaysIso(D, 11), 9, 2)); // a second run changes nothing
    expect(await promiseOf(made.promiseId)).toMatchObject({ status: 'broken' });
    const calls = (await tasksOf(invoice.invoiceId)).filter(
      (t) => t.dedupeKey === `promise-broken:${made.promiseId}`,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'call', dueOn: '2026-06-12' });
    expect((await eventTypes(invoice.invoiceId)).filter((t) => t === 'promise.broken')).toHaveLength(1);

    // One step firmer: +7 was the last sent, so +14 is claimed on the 12th (its calendar date is the 15th) and the
    // next sweep sends it; on the 15th nothing goes out twice.
    expect((await remindersOf(invoice.invoiceId)).at(-1)).toMatchObject({
      offset: 14,
      status: 'claimed',
      scheduledOn: '2026-06-12',
    });
    await sweepAndSend(at(addDaysIso(D, 11), 10));
    await sweepDaily(addDaysIso(D, 12), addDaysIso(D, 20));
    expect(await sentOffsets(invoice.invoiceId)).toEqual([-3, 1, 7, 14]);
    expect((await remindersOf(invoice.invoiceId)).at(-1)).toMatchObject({
      offset: 14,
      scheduledOn: '2026-06-12',
    });
  });

  test('a partial amount paid in time keeps it; one active promise at a time; a limit per invoice', async () => {
    const invoice = await createInvoiceDueOn(D);
    const first = await promiseFor(invoice.invoiceId, addDaysIso(D, 5));
    expect(first.ok).toBe(true);
    expect(await promiseFor(invoice.invoiceId, addDaysIso(D, 6))).toEqual({
      ok: false,
      error: 'promise_exists',
    });
    // Two tabs at once: one promise.
    await settleDuePromises(db(), at(addDaysIso(D, 6), 10)); // broken (nothing paid)
    const [a, b] = await Promise.all([
      promiseFor(invoice.invoiceId, addDaysIso(D, 12)),
      promiseFor(invoice.invoiceId, addDaysIso(D, 13)),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    await settleDuePromises(db(), at(addDaysIso(D, 14), 10)); // broken again
    // The business allows 2 promises per invoice from the debtor; staff on the phone may record another.
    expect(await promiseFor(invoice.invoiceId, addDaysIso(D, 20))).toEqual({
      ok: false,
      error: 'promise_limit',
      max: 2,
    });
    const staff = await makePromise(db(), {
      invoiceId: invoice.invoiceId,
      businessId: invoice.businessId,
      promisedDate: addDaysIso(D, 20),
      amountMinor: null,
      reason: null,
      note: 'Au téléphone',
      source: 'staff',
      actor: { type: 'system' },
    });
    expect(staff.ok).toBe(true);
  });
});
