import { and, eq } from 'drizzle-orm';
import { business, customers, invoiceLines, invoices } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { daysBetween } from '~/utils/dates';
import { applyCreditPolicy, type PlannedDraft } from '~/modules/customers/apply-credit-policy';
import { NEEDS_BUYER_VAT, type VatExemption } from './form-options';
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
  /** When the goods were delivered or the service done, if not on the issue date (printed then, as the law asks). */
  deliveryDate?: string | null;
  notes?: string | null;
  acceptanceRequired?: boolean;
  /** Why no VAT is charged (every line must then be at 0 %); null or absent: VAT as the lines say. */
  vatExemption?: VatExemption | null;
  lines: DraftLineInput[];
};

export type CreateDraftResult =
  /** With a deposit_required customer, `invoiceId` is the balance invoice and `depositInvoiceId` its deposit. */
  | { ok: true; invoiceId: string; depositInvoiceId?: string }
  | {
      ok: false;
      field: keyof DraftInvoiceInput;
      error: 'unknown_customer' | 'customer_archived' | 'buyer_vat_missing';
    };

/**
 * Creates a draft with its lines and totals (computed here, in integers; the client's figures are never used).
 * The customer must belong to the business: a forged id is reported as a field error, not written. The customer's
 * credit policy is applied here, the one way invoices are made (applyCreditPolicy): prepay only makes it due on
 * its issue date; deposit required makes a deposit invoice and a balance invoice, in one transaction.
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
        creditPolicy: customers.creditPolicy,
        depositPercent: customers.depositPercent,
        locale: customers.locale,
        vatNumber: customers.vatNumber,
      })
      .from(customers)
      .where(and(eq(customers.id, invoice.customerId), eq(customers.businessId, businessId)));
    if (!customer) return { ok: false, field: 'customerId', error: 'unknown_customer' } as const;
    if (customer.archivedAt) return { ok: false, field: 'customerId', error: 'customer_archived' } as const;
    // Reverse charge and intra-EU deliveries: the buyer accounts for the VAT, so its VAT number must be printed.
    if (
      invoice.vatExemption &&
      NEEDS_BUYER_VAT.includes(invoice.vatExemption) &&
      !customer.vatNumber?.trim()
    ) {
      return { ok: false, field: 'vatExemption', error: 'buyer_vat_missing' } as const;
    }
    const [settings] = await tx
      .select({ penaltyRateBps: business.penaltyRateBps, indemnity: business.recoveryIndemnityMinor })
      .from(business)
      .where(eq(business.id, businessId));

    const planned = applyCreditPolicy(invoice, customer);
    const ids: Partial<Record<PlannedDraft['role'], string>> = {};
    for (const { role, invoice: draft } of planned) {
      const totals = computeTotals(draft.lines);
      const [row] = await tx
        .insert(invoices)
        .values({
          businessId,
          customerId: customer.id,
          status: 'draft',
          currency: draft.currency,
          issueDate: draft.issueDate,
          dueDate: draft.dueDate,
          termsDays: daysBetween(draft.issueDate, draft.dueDate),
          purchaseOrder: draft.purchaseOrder || null,
          deliveryDate: draft.deliveryDate || null,
          notes: draft.notes || null,
          vatExemption: draft.vatExemption ?? null,
          subtotalMinor: totals.subtotalMinor,
          taxMinor: totals.taxMinor,
          totalMinor: totals.totalMinor,
          penaltyRateBps: settings?.penaltyRateBps ?? null,
          recoveryIndemnityMinor: settings?.indemnity ?? 4000,
          // A customer may require a signed acceptance letter on every invoice by default.
          acceptanceRequired:
            role === 'deposit' ? false : (draft.acceptanceRequired ?? false) || customer.acceptanceRequired,
        })
        .returning({ id: invoices.id });
      const invoiceId = row!.id;
      ids[role] = invoiceId;
      await tx.insert(invoiceLines).values(
        draft.lines.map((line, i) => ({
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
        data: {
          totalMinor: totals.totalMinor,
          currency: draft.currency,
          lines: draft.lines.length,
          creditPolicy: customer.creditPolicy,
          ...(role === 'invoice' ? {} : { part: role, depositPercent: customer.depositPercent }),
          ...(role === 'balance' ? { depositInvoiceId: ids.deposit } : {}),
        },
      });
    }
    const invoiceId = (ids.balance ?? ids.invoice)!;
    return { ok: true, invoiceId, ...(ids.deposit ? { depositInvoiceId: ids.deposit } : {}) } as const;
  });
}
