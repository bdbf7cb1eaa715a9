/** Demo plans and promises (issue 6), added once the reminder history is in place, as if arranged today. */
import { and, eq } from 'drizzle-orm';
import { installments, invoiceLines, invoices, paymentPlans, payments, promises } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { localInstant } from '~/modules/dunning/business-calendar';
import { buildSchedule } from '~/modules/plans/schedule';
import { createTask } from '~/modules/tasks/create-task.server';
import type { Db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { demoBusiness, demoInvoices } from './seed-data';

const system = { type: 'system' } as const;
const debtor = { type: 'debtor' } as const;

export async function seedArrangements(db: Db, businessId: string, today: string) {
  for (const demo of demoInvoices.filter((d) => d.arrangement)) {
    const [inv] = await db
      .select()
      .from(invoices)
      .innerJoin(invoiceLines, and(eq(invoiceLines.invoiceId, invoices.id), eq(invoiceLines.position, 1)))
      .where(
        and(eq(invoices.businessId, businessId), eq(invoiceLines.description, demo.lines[0]!.description)),
      );
    if (!inv) continue;
    const invoice = inv.invoices;
    const ids = { businessId, invoiceId: invoice.id, customerId: invoice.customerId };
    await db.transaction(async (tx) => {
      if (demo.arrangement === 'plan') {
        // Chosen ten days ago; the first part was paid by card. No saved Stripe method in the demo, so the next
        // parts are never charged automatically: the debtor pays them from the page.
        const start = addDaysIso(today, -10);
        const offer = demoBusiness.installmentOffers.find((o) => o.id === 'x3')!;
        const parts = buildSchedule({
          balanceMinor: invoice.totalMinor,
          offer,
          start,
          timeZone: 'Europe/Paris',
        })!;
        const [plan] = await tx
          .insert(paymentPlans)
          .values({
            invoiceId: invoice.id,
            status: 'active',
            offer: { ...offer, parts, start },
            totalMinor: invoice.totalMinor,
            activatedAt: localInstant(start, 11, 0, 'Europe/Paris'),
          })
          .returning({ id: paymentPlans.id });
        const rows = await tx
          .insert(installments)
          .values(
            parts.map((p) => ({
              planId: plan!.id,
              seq: p.seq,
              dueDate: p.dueDate,
              amountMinor: p.amountMinor,
              status: p.seq === 1 ? ('paid' as const) : ('scheduled' as const),
              paidAt: p.seq === 1 ? localInstant(start, 11, 0, 'Europe/Paris') : null,
            })),
          )
          .returning({ id: installments.id, seq: installments.seq });
        await tx.insert(payments).values({
          ...ids,
          installmentId: rows.find((r) => r.seq === 1)!.id,
          currency: invoice.currency,
          amountMinor: parts[0]!.amountMinor,
          status: 'succeeded',
          method: 'card',
          receivedOn: start,
          succeededAt: localInstant(start, 11, 0, 'Europe/Paris'),
        });
        await recordEvent(tx, {
          ...ids,
          type: 'plan.chosen',
          actor: debtor,
          data: { planId: plan!.id, offerId: 'x3', parts },
        });
        await recordEvent(tx, { ...ids, type: 'plan.activated', actor: system, data: { planId: plan!.id } });
      } else if (demo.arrangement === 'promise') {
        const [row] = await tx
          .insert(promises)
          .values({
            invoiceId: invoice.id,
            promisedDate: addDaysIso(today, 7),
            reason: 'awaiting_approval',
            note: 'Validation du directeur financier attendue lundi.',
            source: 'debtor',
          })
          .returning({ id: promises.id });
        await recordEvent(tx, {
          ...ids,
          type: 'promise.recorded',
          actor: debtor,
          data: {
            promiseId: row!.id,
            promisedDate: addDaysIso(today, 7),
            reason: 'awaiting_approval',
            source: 'debtor',
          },
        });
      } else {
        const promisedDate = addDaysIso(today, -5);
        const [row] = await tx
          .insert(promises)
          .values({
            invoiceId: invoice.id,
            promisedDate,
            reason: 'cash_flow',
            source: 'staff',
            status: 'broken',
            resolvedAt: localInstant(addDaysIso(promisedDate, 1), 9, 0, 'Europe/Paris'),
          })
          .returning({ id: promises.id });
        const taskId = await createTask(tx, {
          ...ids,
          kind: 'call',
          title: `Appeler Crèche Les Lutins : promesse non tenue (${invoice.number})`,
          notes:
            'Le client avait promis de régler le solde et ne l’a pas fait. Demandez pourquoi et obtenez une nouvelle date ferme.',
          dueOn: addDaysIso(promisedDate, 1),
          dedupeKey: `promise-broken:${row!.id}`,
        });
        await recordEvent(tx, {
          ...ids,
          type: 'promise.broken',
          actor: system,
          data: { promiseId: row!.id, promisedDate, taskId },
        });
      }
    });
  }
}
