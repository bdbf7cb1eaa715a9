import { and, asc, eq } from 'drizzle-orm';
import { customers, invoices } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { addDaysIso, daysBetween } from '~/utils/dates';
import type { Locale } from '~/utils/i18n';
import { isUuid } from './ids';
import { previewReminder } from './reminder-message.server';
import type { ReminderStep } from './types';

export type PreviewInvoice = { id: string; number: string; customerName: string; daysLate: number };

const LIMIT = 100;

/** Open invoices to preview a step on, the most overdue first (the first one is the default). */
export async function previewInvoices(
  db: DbOrTx,
  businessId: string,
  today: string,
): Promise<PreviewInvoice[]> {
  const rows = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      customerName: customers.name,
      dueDate: invoices.dueDate,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(and(eq(invoices.businessId, businessId), eq(invoices.status, 'open')))
    .orderBy(asc(invoices.dueDate), asc(invoices.number))
    .limit(LIMIT);
  return rows.map((r) => ({
    id: r.id,
    number: r.number ?? '',
    customerName: r.customerName,
    daysLate: daysBetween(r.dueDate, today),
  }));
}

export type StepPreview = {
  subject: string;
  html: string;
  text: string;
  /** The day the step falls due for this invoice (due date + offset): the message is rendered as of then. */
  sendOn: string;
  invoice: { number: string; customerName: string };
};

/**
 * What the step would send for one of the business's open invoices, in `locale`, on the day it falls due for that
 * invoice. Writes nothing. Null when the invoice is not an open invoice of this business.
 */
export async function renderStepPreview(
  db: DbOrTx,
  input: { businessId: string; invoiceId: string; locale: Locale; step: Omit<ReminderStep, 'id'> },
): Promise<StepPreview | null> {
  if (!isUuid(input.invoiceId)) return null;
  const [invoice] = await db
    .select({
      id: invoices.id,
      number: invoices.number,
      dueDate: invoices.dueDate,
      customerName: customers.name,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(
      and(
        eq(invoices.id, input.invoiceId),
        eq(invoices.businessId, input.businessId),
        eq(invoices.status, 'open'),
      ),
    );
  if (!invoice) return null;
  const sendOn = addDaysIso(invoice.dueDate, input.step.offsetDays);
  const message = await previewReminder(db, {
    invoiceId: invoice.id,
    step: input.step,
    locale: input.locale,
    asOf: sendOn,
  });
  return {
    ...message,
    sendOn,
    invoice: { number: invoice.number ?? '', customerName: invoice.customerName },
  };
}
