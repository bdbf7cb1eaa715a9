import { and, eq, inArray, sql } from 'drizzle-orm';
import { installments, paymentPlans } from '#db/schema/index';
import { plansText } from '~/i18n/plans';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { isUuid } from '~/modules/dunning/ids';
import { resumeLadderFirmer } from '~/modules/dunning/resume-firmer.server';
import { lockInvoice } from '~/modules/invoices/invoice-balance.server';
import { createTask } from '~/modules/tasks/create-task.server';
import type { Db, Tx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { formatDate, isLocale, translator } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { DEFAULT_AFTER_DAYS, PENDING_PLAN_HOURS } from './plan-times';

const system: Actor = { type: 'system' };

/** Ends a live plan (guarded on its status) and cancels its parts not yet paid or on their way. */
async function endPlan(
  tx: Tx,
  planId: string,
  to: 'defaulted' | 'cancelled',
  from: ('pending' | 'active')[],
  cancelledBy: string | null,
) {
  const [plan] = await tx
    .update(paymentPlans)
    .set({ status: to, endedAt: new Date(), cancelledBy })
    .where(and(eq(paymentPlans.id, planId), inArray(paymentPlans.status, from)))
    .returning();
  if (!plan) return null;
  await tx
    .update(installments)
    .set({ status: 'cancelled', nextAttemptAt: null, chargeStartedAt: null })
    .where(and(eq(installments.planId, planId), inArray(installments.status, ['scheduled', 'failed'])));
  return plan;
}

/**
 * A part still unpaid DEFAULT_AFTER_DAYS days after its date (in the business's time zone) ends its plan: the plan
 * is `defaulted`, the parts left are cancelled, the balance goes back to the reminder ladder one step firmer
 * (resume-firmer.server.ts) and a call task is opened. Each plan in its own transaction, guarded on `active`: run
 * it any number of times, from any number of workers. A part whose bank debit is still processing does not count.
 */
export async function defaultOverduePlans(db: Db, now: Date): Promise<string[]> {
  const overdue = await db.execute<{ id: string }>(sql`
    SELECT DISTINCT pp.id FROM payment_plans pp
    JOIN installments i ON i.plan_id = pp.id
    JOIN invoices inv ON inv.id = pp.invoice_id
    JOIN business b ON b.id = inv.business_id
    WHERE pp.status = 'active' AND i.status IN ('scheduled', 'failed')
      AND i.due_date + ${DEFAULT_AFTER_DAYS}::int <= (${now.toISOString()}::timestamptz AT TIME ZONE b.time_zone)::date`);
  const ended: string[] = [];
  for (const { id } of overdue) {
    const done = await db.transaction(async (tx) => {
      const [ref] = await tx
        .select({ invoiceId: paymentPlans.invoiceId })
        .from(paymentPlans)
        .where(eq(paymentPlans.id, id));
      const invoice = await lockInvoice(tx, ref!.invoiceId);
      const [late] = await tx
        .select()
        .from(installments)
        .where(and(eq(installments.planId, id), inArray(installments.status, ['scheduled', 'failed'])))
        .orderBy(installments.seq)
        .limit(1);
      const plan = await endPlan(tx, id, 'defaulted', ['active'], null);
      if (!plan || !invoice || !late) return false;
      const rows = await tx.execute<{ time_zone: string; locale: string; customer: string }>(sql`
        SELECT b.time_zone, b.locale, c.name AS customer FROM business b, customers c
        WHERE b.id = ${invoice.businessId} AND c.id = ${invoice.customerId}`);
      const { time_zone: timeZone, locale: rawLocale, customer } = rows[0]!;
      const today = todayIn(timeZone, now);
      const locale = isLocale(rawLocale) ? rawLocale : 'fr';
      const t = translator(locale, plansText);
      const vars = {
        customer,
        invoice: invoice.number ?? '',
        date: formatDate(late.dueDate, locale),
        amount: formatMoney(late.amountMinor, invoice.currency, locale),
      };
      const ids = { businessId: invoice.businessId, invoiceId: invoice.id, customerId: invoice.customerId };
      const taskId = await createTask(tx, {
        ...ids,
        kind: 'call',
        title: t('plan.task.title', vars),
        notes: t('plan.task.notes', vars),
        dueOn: today,
        dedupeKey: `plan-default:${id}`,
      });
      const resumedAt = await resumeLadderFirmer(tx, { invoiceId: invoice.id, today, now });
      await recordEvent(tx, {
        ...ids,
        type: 'plan.defaulted',
        actor: system,
        data: {
          planId: id,
          installmentId: late.id,
          seq: late.seq,
          dueDate: late.dueDate,
          taskId,
          resumedAtOffset: resumedAt,
        },
      });
      return true;
    });
    if (done) ended.push(id);
  }
  return ended;
}

/**
 * A plan chosen but never started (its first part neither paid nor processing after PENDING_PLAN_HOURS) is let go,
 * so the reminders it paused resume on their calendar. A first part paid later still counts for the invoice.
 */
export async function expireStalePendingPlans(db: Db, now: Date): Promise<number> {
  const stale = await db
    .select({ id: paymentPlans.id, invoiceId: paymentPlans.invoiceId })
    .from(paymentPlans)
    .where(
      and(
        eq(paymentPlans.status, 'pending'),
        sql`${paymentPlans.createdAt} < ${now.toISOString()}::timestamptz - make_interval(hours => ${PENDING_PLAN_HOURS})`,
        sql`NOT EXISTS (SELECT 1 FROM installments i WHERE i.plan_id = ${paymentPlans.id}
          AND i.status IN ('processing', 'paid'))`,
      ),
    );
  let expired = 0;
  for (const row of stale) {
    await db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, row.invoiceId);
      const plan = await endPlan(tx, row.id, 'cancelled', ['pending'], null);
      if (!plan || !invoice) return;
      expired++;
      await recordEvent(tx, {
        businessId: invoice.businessId,
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        type: 'plan.expired',
        actor: system,
        data: { planId: row.id },
      });
    });
  }
  return expired;
}

/**
 * Staff cancel a plan (pending or active): the parts left are cancelled and the ladder picks up again on its
 * calendar (not firmer: the business chose to stop, the debtor did not fail). Payments already made stay.
 */
export async function cancelPlan(
  db: Db,
  input: { businessId: string; planId: string; actor: Actor & { type: 'user' } },
): Promise<{ ok: true } | { ok: false; error: 'not_found' | 'not_live' }> {
  if (!isUuid(input.planId)) return { ok: false, error: 'not_found' };
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ invoice_id: string }>(sql`
      SELECT pp.invoice_id FROM payment_plans pp JOIN invoices i ON i.id = pp.invoice_id
      WHERE pp.id = ${input.planId}::uuid AND i.business_id = ${input.businessId}`);
    if (!rows[0]) return { ok: false as const, error: 'not_found' as const };
    const invoice = await lockInvoice(tx, rows[0].invoice_id, input.businessId);
    const plan = await endPlan(tx, input.planId, 'cancelled', ['pending', 'active'], input.actor.id);
    if (!plan || !invoice) return { ok: false as const, error: 'not_live' as const };
    await recordEvent(tx, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      type: 'plan.cancelled',
      actor: input.actor,
      data: { planId: input.planId },
    });
    return { ok: true as const };
  });
}
