/**
 * What the soak runs on: one business whose sending window is open right now (a time zone where it is a weekday,
 * reminders allowed at any hour), invoices to pay, invoices with a reminder step due today, and installment plans
 * whose next parts are due today. Built through the app's own modules (the test factories), so every row is one
 * the app could have written. Import only once DATABASE_URL and APP_URL are set.
 */
import { sql } from 'drizzle-orm';
import { localTime } from '~/modules/dunning/business-calendar';
import { DEFAULT_LADDER } from '~/modules/dunning/default-ladder';
import { addDaysIso } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { mintStatementLink } from '~/modules/statements/statement-links.server';
import { createBusiness, createCustomer, createInvoiceDueOn, type IssuedInvoice } from '../factories';
import type { StripeFake } from '../fakes/stripe/server';
import { activePlan, OFFERS } from '../support/plans';

export type SoakWorld = {
  businessId: string;
  timeZone: string | null;
  today: string;
  payable: IssuedInvoice[];
  reminded: IssuedInvoice[];
  planIds: string[];
  /** Customers with three open invoices each and a statement link, to pay several at once. */
  statements: { customerId: string; token: string; invoiceIds: string[] }[];
};

/**
 * A zone where the local time is a weekday between 03:00 and 21:00 (so the soak's minutes stay on one business
 * day), nearest to noon; null from Saturday 10:00 to Sunday 10:00 UTC, when it is the weekend everywhere.
 */
export function zoneOnAWeekday(now: Date): string | null {
  let best: { zone: string; distance: number } | null = null;
  for (let offset = -12; offset <= 14; offset++) {
    // Etc/GMT-5 is UTC+5: the POSIX sign is the other way round.
    const zone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const { date, hour } = localTime(now, zone);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6 || hour < 3 || hour >= 21) continue;
    const distance = Math.abs(hour - 12);
    if (!best || distance < best.distance) best = { zone, distance };
  }
  return best?.zone ?? null;
}

export async function buildWorld(
  fake: StripeFake,
  opts: { payable: number; reminded: number; plans: number; statements: number },
): Promise<SoakWorld> {
  const timeZone = zoneOnAWeekday(new Date());
  const zone = timeZone ?? 'Etc/UTC';
  const business = await createBusiness({
    timeZone: zone,
    // No public holidays are known for GB: only weekends close the window, and the zone was picked for a weekday.
    country: 'GB',
    reminderWindowStartHour: 0,
    reminderWindowEndHour: 24,
    installmentOffers: OFFERS,
    partialPaymentsAllowed: true,
  });
  const today = localTime(new Date(), zone).date;
  const payable: IssuedInvoice[] = [];
  for (let i = 0; i < opts.payable; i++) {
    payable.push(await createInvoiceDueOn(addDaysIso(today, 5 + (i % 20)), { businessId: business.id }));
  }
  // Each of these has exactly one rung of the default ladder due today.
  const offsets = DEFAULT_LADDER.map((s) => s.offsetDays);
  const reminded: IssuedInvoice[] = [];
  for (let i = 0; i < opts.reminded; i++) {
    const offset = offsets[i % offsets.length]!;
    reminded.push(await createInvoiceDueOn(addDaysIso(today, -offset), { businessId: business.id }));
  }
  const planIds: string[] = [];
  for (let i = 0; i < opts.plans; i++) {
    const plan = await activePlan(fake, { dueDate: addDaysIso(today, -40), today: addDaysIso(today, -35) });
    planIds.push(plan.planId);
  }
  // The plans were chosen five weeks ago; bring their next parts to yesterday (today in any zone the plan's own business may be in) so the worker charges them now.
  if (planIds.length) {
    await db().execute(sql`UPDATE installments SET due_date = ${addDaysIso(today, -1)}::date,
        next_attempt_at = now() - interval '1 minute'
      WHERE plan_id IN (${sql.join(
        planIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) AND status = 'scheduled'`);
  }
  const statements: SoakWorld['statements'] = [];
  for (let i = 0; i < opts.statements; i++) {
    const customerId = (await createCustomer(business.id)).id;
    const invoiceIds: string[] = [];
    for (const days of [20, 10, 2]) {
      const invoice = await createInvoiceDueOn(addDaysIso(today, days), {
        businessId: business.id,
        customerId,
      });
      invoiceIds.push(invoice.invoiceId);
    }
    const link = await mintStatementLink(db(), customerId);
    statements.push({ customerId, token: link.token, invoiceIds });
  }
  return { businessId: business.id, timeZone, today, payable, reminded, planIds, statements };
}
