import { eq } from 'drizzle-orm';
import { tasks } from '#db/schema/index';
import type { Tx } from '~/utils/db.server';
import { daysBetween } from '~/utils/dates';
import { formatDate, isLocale, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import type { ReminderStep } from './types';

export type StepTaskInput = {
  step: ReminderStep;
  invoice: {
    id: string;
    businessId: string;
    customerId: string;
    number: string;
    currency: string;
    dueDate: string;
  };
  customerName: string;
  businessName: string;
  balanceMinor: number;
  /** The business's language: tasks are read by its staff, not by the customer. */
  locale: string;
  /** Today in the business's time zone: the task is due today. */
  today: string;
};

/**
 * The task a call_task or collections_task step creates: a call to make, or a case to hand to the agency, due
 * today, titled from the step's subject template. Dedupe key `dunning:<invoice>:<step>`: the same step never
 * creates two tasks, even if its reminder were claimed again. Returns the task's id (the existing one on a repeat).
 */
export async function createStepTask(tx: Tx, input: StepTaskInput): Promise<string> {
  const locale: Locale = isLocale(input.locale) ? input.locale : 'fr';
  const fill = fillPlaceholders({
    customer_name: input.customerName,
    business_name: input.businessName,
    invoice_number: input.invoice.number,
    amount_due: formatMoney(input.balanceMinor, input.invoice.currency, locale),
    due_date: formatDate(input.invoice.dueDate, locale),
    days_late: String(Math.max(0, daysBetween(input.invoice.dueDate, input.today))),
  });
  const dedupeKey = `dunning:${input.invoice.id}:${input.step.id}`;
  const [created] = await tx
    .insert(tasks)
    .values({
      businessId: input.invoice.businessId,
      invoiceId: input.invoice.id,
      customerId: input.invoice.customerId,
      kind: input.step.channel === 'collections_task' ? 'collections' : 'call',
      title: fill(locale === 'fr' ? input.step.subjectFr : input.step.subjectEn),
      notes: fill(locale === 'fr' ? input.step.bodyFr : input.step.bodyEn),
      dueOn: input.today,
      dedupeKey,
    })
    .onConflictDoNothing({ target: tasks.dedupeKey })
    .returning({ id: tasks.id });
  if (created) return created.id;
  const [existing] = await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.dedupeKey, dedupeKey));
  return existing!.id;
}

/** Fills {{name}} placeholders; those a task has no value for (penalties, notice deadline) become empty. */
export function fillPlaceholders(vars: Record<string, string>): (template: string) => string {
  return (template) => template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? '');
}
