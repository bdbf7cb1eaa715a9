/** Invoices in a named state, built through the same module functions the app uses. */
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { voidInvoice } from '~/modules/invoices/void-invoice.server';
import { db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';
import { createBusiness } from './business';
import { createIssuedInvoice, system, todayFor, type InvoiceOptions, type IssuedInvoice } from './invoice';

type StateOptions = Omit<InvoiceOptions, 'issueDate'>;

/** Open, and its due date was `daysLate` days ago (today in the business's time zone). */
export async function createOverdueInvoice(
  daysLate: number,
  options: StateOptions = {},
): Promise<IssuedInvoice> {
  const businessId = options.businessId ?? (await createBusiness()).id;
  const dueDate = addDaysIso(await todayFor(businessId), -daysLate);
  return createIssuedInvoice({
    ...options,
    businessId,
    issueDate: addDaysIso(dueDate, -(options.termsDays ?? 30)),
  });
}

async function pay(invoice: IssuedInvoice, amountMinor: number) {
  const result = await recordOfflinePayment(db(), {
    businessId: invoice.businessId,
    invoiceId: invoice.invoiceId,
    amountMinor,
    method: 'bank_transfer',
    receivedOn: await todayFor(invoice.businessId),
    reference: `VIR ${invoice.number}`,
    actor: system,
  });
  if (!result.ok) throw new Error(`payment: ${result.error}`);
  return result.paymentId;
}

/** Paid in full by bank transfer: status `paid`. */
export async function createPaidInvoice(options: StateOptions = {}) {
  const invoice = await createIssuedInvoice(options);
  return { ...invoice, paymentId: await pay(invoice, invoice.totalMinor) };
}

/** Open with part of it paid by bank transfer (40 % unless `paidMinor` says otherwise). */
export async function createPartlyPaidInvoice(options: StateOptions & { paidMinor?: number } = {}) {
  const invoice = await createIssuedInvoice(options);
  const paidMinor = options.paidMinor ?? Math.round(invoice.totalMinor * 0.4);
  return {
    ...invoice,
    paidMinor,
    balanceMinor: invoice.totalMinor - paidMinor,
    paymentId: await pay(invoice, paidMinor),
  };
}

/** Issued, then voided with a credit note for its total. */
export async function createVoidInvoice(options: StateOptions & { reason?: string } = {}) {
  const invoice = await createIssuedInvoice(options);
  const result = await voidInvoice(db(), {
    businessId: invoice.businessId,
    invoiceId: invoice.invoiceId,
    reason: options.reason ?? 'Facture émise par erreur',
    actor: system,
  });
  if (!result.ok) throw new Error(`void: ${result.error}`);
  return { ...invoice, creditNoteNumber: result.creditNoteNumber };
}
