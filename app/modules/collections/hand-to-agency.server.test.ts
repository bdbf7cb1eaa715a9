import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { collectionCases, events, tasks } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { at, createBusiness, createInvoiceDueOn, createUser, payInFull } from '../../../test/factories';
import { sentOffsets, sweepAndSend } from '../../../test/support/dunning';
import { handToAgency } from './hand-to-agency.server';

// Tuesday 16 June 2026, a business day in France.
const T = '2026-06-16';
const NOW = at(T, 10);

async function setup() {
  const { id: businessId } = await createBusiness();
  const user = await createUser(businessId);
  const actor = { type: 'user' as const, id: user.id };
  return { businessId, user, actor };
}

const caseRows = (invoiceId: string) =>
  db().select().from(collectionCases).where(eq(collectionCases.invoiceId, invoiceId));
const handOffEvents = async (invoiceId: string) =>
  (await db().select().from(events).where(eq(events.invoiceId, invoiceId))).filter(
    (e) => e.type === 'invoice.handed_to_agency',
  );

describe('handing an invoice to an agency', () => {
  test('stops the ladder for that invoice only, and closes its open collections task', async () => {
    const { businessId, actor } = await setup();
    const due = addDaysIso(T, -60); // the +60 collections step falls due today
    const control = await createInvoiceDueOn(due, { businessId });
    const handed = await createInvoiceDueOn(due, { businessId });
    const [task] = await db()
      .insert(tasks)
      .values({
        businessId,
        invoiceId: handed.invoiceId,
        kind: 'collections',
        title: 'Transmettre',
        dueOn: T,
      })
      .returning();

    const result = await handToAgency(db(), {
      businessId,
      invoiceId: handed.invoiceId,
      agencyName: 'Recouvrement Rhône-Alpes',
      handedOn: T,
      amountMinor: 165_000,
      actor,
    });
    expect(result).toMatchObject({ ok: true, already: false });
    const [row] = await caseRows(handed.invoiceId);
    expect(row).toMatchObject({ agencyName: 'Recouvrement Rhône-Alpes', handedOn: T, amountMinor: 165_000 });
    expect(row!.currency).toBe('EUR');
    const [closed] = await db().select().from(tasks).where(eq(tasks.id, task!.id));
    expect(closed).toMatchObject({ status: 'done', outcome: 'handed_off', doneBy: actor.id });

    await sweepAndSend(NOW);
    expect(await sentOffsets(control.invoiceId)).toEqual([60]);
    expect(await sentOffsets(handed.invoiceId)).toEqual([]);
  });

  test('twice, or twice at once, writes one case and one event', async () => {
    const { businessId, actor } = await setup();
    const invoice = await createInvoiceDueOn(addDaysIso(T, -70), { businessId });
    const input = {
      businessId,
      invoiceId: invoice.invoiceId,
      agencyName: 'Agence A',
      handedOn: T,
      amountMinor: 100_000,
      actor,
    };
    const [a, b] = await Promise.all([
      handToAgency(db(), input),
      handToAgency(db(), { ...input, agencyName: 'Agence B' }),
    ]);
    const again = await handToAgency(db(), input);
    expect([a, b].filter((r) => r.ok && !r.already)).toHaveLength(1);
    expect(again).toMatchObject({ ok: true, already: true });
    expect(await caseRows(invoice.invoiceId)).toHaveLength(1);
    expect(await handOffEvents(invoice.invoiceId)).toHaveLength(1);
  });

  test('refuses a paid invoice or another business’s, writing nothing', async () => {
    const { businessId, actor } = await setup();
    const paid = await createInvoiceDueOn(addDaysIso(T, -70), { businessId });
    await payInFull(paid, T);
    const other = await createInvoiceDueOn(addDaysIso(T, -70));
    const base = { agencyName: 'Agence', handedOn: T, amountMinor: 1000, actor, businessId };
    expect(await handToAgency(db(), { ...base, invoiceId: paid.invoiceId })).toEqual({
      ok: false,
      error: 'not_open',
    });
    expect(await handToAgency(db(), { ...base, invoiceId: other.invoiceId })).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(await handToAgency(db(), { ...base, invoiceId: 'not-a-uuid' })).toEqual({
      ok: false,
      error: 'not_found',
    });
    expect(await caseRows(paid.invoiceId)).toHaveLength(0);
    expect(await caseRows(other.invoiceId)).toHaveLength(0);
  });
});
