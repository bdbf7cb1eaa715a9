import { and, eq } from 'drizzle-orm';
import { business, customers, invoiceLines, invoices } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { daysBetween } from '~/utils/dates';
import { computeTotals } from './totals';

export type DraftLineInput = {
  description: string;
  quantityMilli: number;
  unit?: string | null;
  unitPriceMinor: number;
  taxRateBps: number;
};

export type DraftInvoiceInput = {
  customerId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  purchaseOrder?: string | null;
  notes?: string | null;
  acceptanceRequired?: boolean;
  lines: DraftLineInput[];
};

export type CreateDraftResult =
  | { ok: true; invoiceId: string }
  | { ok: false; field: keyof DraftInvoiceInput; error: 'unknown_customer' | 'customer_archived' };

/**
 * Creates a draft with its lines and totals (computed here, in integers; the client's figures are never used).
 * The customer must belong to the business: a forged id is reported as a field error, not written.
 */
export async function createDraftInvoice(
  db: Db,
  input: { businessId: string; actor: Actor; invoice: DraftInvoiceInput },
): Promise<CreateDraftResult> {
  const { businessId, invoice } = input;
  return db.transaction(async (tx) => {
    const [customer] = await tx
      .select({
        id: customers.id,
        archivedAt: customers.archivedAt,
        acceptanceRequired: customers.acceptanceRequired,
      })
      .from(customers)
      .where(and(eq(customers.id, invoice.customerId), eq(customers.businessId, businessId)));
    if (!customer) return { ok: false, field: 'customerId', error: 'unknown_customer' } as const;
    if (customer.archivedAt) return { ok: false, field: 'customerId', error: 'customer_archived' } as const;
    const [settings] = await tx
      .select({ penaltyRateBps: business.penaltyRateBps, indemnity: business.recoveryIndemnityMinor })
      .from(business)
      .where(eq(business.id, businessId));

    const totals = computeTotals(invoice.lines);
    const [row] = await tx
      .insert(invoices)
      .values({
        businessId,
        customerId: customer.id,
        status: 'draft',
        currency: invoice.currency,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        termsDays: daysBetween(invoice.issueDate, invoice.dueDate),
        purchaseOrder: invoice.purchaseOrder || null,
        notes: invoice.notes || null,
        subtotalMinor: totals.subtotalMinor,
        taxMinor: totals.taxMinor,
        totalMinor: totals.totalMinor,
        penaltyRateBps: settings?.penaltyRateBps ?? null,
        recoveryIndemnityMinor: settings?.indemnity ?? 4000,
        // A customer may require a signed acceptance letter on every invoice by default.
        acceptanceRequired: (invoice.acceptanceRequired ?? false) || customer.acceptanceRequired,
      })
      .returning({ id: invoices.id });
    const invoiceId = row!.id;
    await tx.insert(invoiceLines).values(
      invoice.lines.map((line, i) => ({
        invoiceId,
        position: i + 1,
        description: line.description,
        quantityMilli: line.quantityMilli,
        unit: line.unit || null,
        unitPriceMinor: line.unitPriceMinor,
        taxRateBps: line.taxRateBps,
        lineTotalMinor: totals.lineTotals[i]!,
      })),
    );
    await recordEvent(tx, {
      businessId,
      invoiceId,
      customerId: customer.id,
      type: 'invoice.created',
      actor: input.actor,
      data: { totalMinor: totals.totalMinor, currency: invoice.currency, lines: invoice.lines.length },
    });
    return { ok: true, invoiceId } as const;
  });
}
