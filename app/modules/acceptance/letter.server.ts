import { and, asc, eq } from 'drizzle-orm';
import { acceptanceTemplates, business, customers, invoiceLines, invoices } from '#db/schema/index';
import { formatQuantity } from '~/modules/invoices/invoice-pdf.server';
import { buyerSnapshot, sellerSnapshot } from '~/modules/invoices/parties.server';
import type { PartySnapshot } from '~/modules/invoices/types';
import type { DbOrTx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { formatDate, type Locale } from '~/utils/i18n';
import { canonicalJson } from './evidence.server';
import { DEFAULT_LETTER, fillLetter } from './letter-template';

/** What the signer agrees the letter is about: the invoice as it stood, frozen in the acceptance row. */
export type InvoiceSnapshot = {
  invoiceId: string;
  number: string | null;
  status: string;
  currency: string;
  issueDate: string;
  deliveryDate: string;
  purchaseOrder: string | null;
  seller: PartySnapshot;
  buyer: PartySnapshot;
  lines: {
    position: number;
    description: string;
    quantityMilli: number;
    unit: string | null;
    unitPriceMinor: number;
    taxRateBps: number;
    lineTotalMinor: number;
  }[];
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
};

export type Letter = {
  invoiceId: string;
  businessId: string;
  customerId: string;
  status: string;
  acceptanceRequired: boolean;
  acceptanceRequestedAt: Date | null;
  locale: Locale;
  text: string;
  snapshot: InvoiceSnapshot;
  timeZone: string;
};

/** The business's template for a language, or the default wording. */
export async function letterTemplate(tx: DbOrTx, businessId: string, locale: Locale) {
  const [row] = await tx
    .select({ title: acceptanceTemplates.title, body: acceptanceTemplates.body })
    .from(acceptanceTemplates)
    .where(and(eq(acceptanceTemplates.businessId, businessId), eq(acceptanceTemplates.locale, locale)));
  return row ?? DEFAULT_LETTER[locale];
}

/**
 * The acceptance letter of an invoice in a language, exactly as it is shown and signed, with the invoice snapshot
 * it is about. A draft has no frozen parties yet: the current ones are used (and frozen in the signature).
 */
export async function buildLetter(tx: DbOrTx, invoiceId: string, locale: Locale): Promise<Letter | null> {
  const [row] = await tx
    .select({ invoice: invoices, seller: business, customer: customers })
    .from(invoices)
    .innerJoin(business, eq(business.id, invoices.businessId))
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(invoices.id, invoiceId));
  if (!row) return null;
  const { invoice } = row;
  const lines = await tx
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
  const seller = invoice.seller ?? sellerSnapshot(row.seller);
  const buyer = invoice.buyer ?? buyerSnapshot(row.customer);
  const deliveryDate = invoice.deliveryDate ?? (invoice.status === 'draft' ? null : invoice.issueDate);
  const snapshot: InvoiceSnapshot = {
    invoiceId: invoice.id,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    issueDate: invoice.issueDate,
    deliveryDate: deliveryDate ?? todayIn(row.seller.timeZone),
    purchaseOrder: invoice.purchaseOrder,
    seller,
    buyer,
    lines: lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantityMilli: l.quantityMilli,
      unit: l.unit,
      unitPriceMinor: l.unitPriceMinor,
      taxRateBps: l.taxRateBps,
      lineTotalMinor: l.lineTotalMinor,
    })),
    subtotalMinor: invoice.subtotalMinor,
    taxMinor: invoice.taxMinor,
    totalMinor: invoice.totalMinor,
  };
  const template = await letterTemplate(tx, invoice.businessId, locale);
  const fr = locale === 'fr';
  const text = fillLetter(template, {
    customer_name: buyer.name,
    business_name: seller.name,
    contract_reference: invoice.purchaseOrder ?? (fr ? '(sans référence)' : '(no reference)'),
    deliverables: snapshot.lines
      .map((l) => {
        const qty = formatQuantity(l.quantityMilli, locale);
        return `- ${l.description} (${l.unit ? `${qty} ${l.unit}` : `${fr ? 'quantité' : 'quantity'} ${qty}`})`;
      })
      .join('\n'),
    delivery_date: formatDate(snapshot.deliveryDate, locale),
    invoice_number: invoice.number ?? (fr ? 'à émettre' : 'to be issued'),
  });
  return {
    invoiceId: invoice.id,
    businessId: invoice.businessId,
    customerId: invoice.customerId,
    status: invoice.status,
    acceptanceRequired: invoice.acceptanceRequired,
    acceptanceRequestedAt: invoice.acceptanceRequestedAt,
    locale,
    // Stored as canonical JSON so the jsonb column holds exactly what was hashed.
    snapshot: JSON.parse(canonicalJson(snapshot)) as InvoiceSnapshot,
    text,
    timeZone: row.seller.timeZone,
  };
}

/** Whether the debtor may sign now: the business asked (or requires it) and the invoice is not cancelled. */
export function isSignable(letter: Pick<Letter, 'status' | 'acceptanceRequired' | 'acceptanceRequestedAt'>) {
  if (letter.status === 'draft') return letter.acceptanceRequestedAt !== null;
  return (letter.status === 'open' || letter.status === 'paid') && letter.acceptanceRequired;
}
