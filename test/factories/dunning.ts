/** Dunning test data: policies, and invoices in each state the reminder sweep must pass over. */
import { eq } from 'drizzle-orm';
import { disputes, dunningPolicies, dunningSteps, paymentPlans, payments, promises } from '#db/schema/index';
import { localInstant } from '~/modules/dunning/business-calendar';
import { DEFAULT_LADDER } from '~/modules/dunning/default-ladder';
import type { DunningChannel } from '~/modules/dunning/types';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { voidInvoice } from '~/modules/invoices/void-invoice.server';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { createIssuedInvoice, system, type InvoiceOptions, type IssuedInvoice } from './invoice';

/**
 * The chronic late payer's ladder: earlier and more frequent than the default, a call at 8 days, formal notice
 * at 30, collections at 45.
 */
export const CHRONIC_LADDER: {
  offsetDays: number;
  channel: DunningChannel;
  tone: 'friendly' | 'firm' | 'formal';
}[] = [
  { offsetDays: -7, channel: 'email', tone: 'friendly' },
  { offsetDays: -1, channel: 'email', tone: 'friendly' },
  { offsetDays: 1, channel: 'email', tone: 'firm' },
  { offsetDays: 4, channel: 'email', tone: 'firm' },
  { offsetDays: 8, channel: 'call_task', tone: 'firm' },
  { offsetDays: 15, channel: 'email', tone: 'firm' },
  { offsetDays: 30, channel: 'letter', tone: 'formal' },
  { offsetDays: 45, channel: 'collections_task', tone: 'formal' },
];

/** A non-default policy with the given rungs; texts come from the default ladder's rung of the same channel. */
export async function createDunningPolicy(
  businessId: string,
  steps = CHRONIC_LADDER,
  name = 'Mauvais payeurs',
): Promise<{ policyId: string; stepIds: Map<number, string> }> {
  const [policy] = await db()
    .insert(dunningPolicies)
    .values({ businessId, name, isDefault: false })
    .returning({ id: dunningPolicies.id });
  const rows = await db()
    .insert(dunningSteps)
    .values(
      steps.map((s) => {
        const text = DEFAULT_LADDER.find((d) => d.channel === s.channel)!;
        return { ...text, ...s, policyId: policy!.id };
      }),
    )
    .returning({ id: dunningSteps.id, offsetDays: dunningSteps.offsetDays });
  return { policyId: policy!.id, stepIds: new Map(rows.map((r) => [r.offsetDays, r.id])) };
}

/** An instant given as local wall-clock time in a time zone, e.g. at('2026-06-16', 10) in Paris. */
export function at(date: string, hour: number, minute = 0, timeZone = 'Europe/Paris'): Date {
  return localInstant(date, hour, minute, timeZone);
}

/** Open, due on `dueDate` (issued `termsDays` before it). */
export async function createInvoiceDueOn(
  dueDate: string,
  options: Omit<InvoiceOptions, 'issueDate'> = {},
): Promise<IssuedInvoice> {
  return createIssuedInvoice({ ...options, issueDate: addDaysIso(dueDate, -(options.termsDays ?? 30)) });
}

export async function payInFull(invoice: IssuedInvoice, receivedOn: string) {
  const result = await recordOfflinePayment(db(), {
    businessId: invoice.businessId,
    invoiceId: invoice.invoiceId,
    amountMinor: invoice.totalMinor,
    method: 'bank_transfer',
    receivedOn,
    actor: system,
  });
  if (!result.ok) throw new Error(`payInFull: ${result.error}`);
}

export async function voidIt(invoice: IssuedInvoice) {
  const result = await voidInvoice(db(), {
    businessId: invoice.businessId,
    invoiceId: invoice.invoiceId,
    reason: 'Erreur',
    actor: system,
  });
  if (!result.ok) throw new Error(`void: ${result.error}`);
}

/** The debtor promised to pay on `promisedDate`; returns the promise id. */
export async function promise(invoiceId: string, promisedDate: string): Promise<string> {
  const [row] = await db()
    .insert(promises)
    .values({ invoiceId, promisedDate, source: 'debtor', reason: 'cash_flow' })
    .returning({ id: promises.id });
  return row!.id;
}

export async function breakPromise(promiseId: string) {
  await db()
    .update(promises)
    .set({ status: 'broken', resolvedAt: new Date() })
    .where(eq(promises.id, promiseId));
}

/** A live installment plan (pending: the debtor picked it, the first part is being paid). */
export async function putOnPlan(invoice: IssuedInvoice, status: 'pending' | 'active' = 'pending') {
  await db()
    .insert(paymentPlans)
    .values({ invoiceId: invoice.invoiceId, status, offer: { id: 'x3' }, totalMinor: invoice.totalMinor });
}

/** A SEPA debit Stripe has not confirmed yet. */
export async function addProcessingDebit(invoice: IssuedInvoice) {
  await db()
    .insert(payments)
    .values({
      businessId: invoice.businessId,
      customerId: invoice.customerId,
      invoiceId: invoice.invoiceId,
      currency: 'EUR',
      amountMinor: invoice.totalMinor,
      status: 'processing',
      method: 'sepa_debit',
      stripePaymentIntentId: `pi_dunning_${invoice.invoiceId}`,
    });
}

/** An open dispute for `amountMinor` (the whole invoice by default). */
export async function dispute(invoice: IssuedInvoice, amountMinor = invoice.totalMinor) {
  await db()
    .insert(disputes)
    .values({
      invoiceId: invoice.invoiceId,
      reason: 'not_as_described',
      amountMinor,
      scope: amountMinor === invoice.totalMinor ? 'invoice' : 'lines',
    });
}
