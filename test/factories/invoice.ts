import { eq } from 'drizzle-orm';
import { business, invoices } from '#db/schema/index';
import {
  createDraftInvoice as createDraft,
  type DraftLineInput,
} from '~/modules/invoices/create-draft-invoice.server';
import { issueInvoice } from '~/modules/invoices/issue-invoice.server';
import { db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { createBusiness } from './business';
import { createCustomer } from './customer';

export const system = { type: 'system' } as const;

export type InvoiceOptions = {
  /** Created (with a customer) when omitted. */
  businessId?: string;
  customerId?: string;
  lines?: DraftLineInput[];
  currency?: string;
  /** Defaults to today in the business's time zone. */
  issueDate?: string;
  termsDays?: number;
  purchaseOrder?: string | null;
  acceptanceRequired?: boolean;
};

export type DraftInvoice = { invoiceId: string; businessId: string; customerId: string; totalMinor: number };
export type IssuedInvoice = DraftInvoice & {
  number: string;
  issueDate: string;
  dueDate: string;
  url: string;
  token: string;
};

/** 1 200,00 € of design and 500 flyers at 0,35 €, both at 20 % VAT: 1 375,00 € excl. tax, 1 650,00 € incl. */
export const defaultLines: DraftLineInput[] = [
  {
    description: 'Conception graphique',
    quantityMilli: 1000,
    unit: 'forfait',
    unitPriceMinor: 120_000,
    taxRateBps: 2000,
  },
  {
    description: 'Impression flyers A5',
    quantityMilli: 500_000,
    unit: 'pièce',
    unitPriceMinor: 35,
    taxRateBps: 2000,
  },
];

export async function todayFor(businessId: string): Promise<string> {
  const [row] = await db()
    .select({ timeZone: business.timeZone })
    .from(business)
    .where(eq(business.id, businessId));
  return todayIn(row?.timeZone ?? 'Europe/Paris');
}

export async function readInvoice(invoiceId: string) {
  const [row] = await db().select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!row) throw new Error(`no invoice ${invoiceId}`);
  return row;
}

export async function createDraftInvoice(options: InvoiceOptions = {}): Promise<DraftInvoice> {
  const businessId = options.businessId ?? (await createBusiness()).id;
  const customerId = options.customerId ?? (await createCustomer(businessId)).id;
  const issueDate = options.issueDate ?? (await todayFor(businessId));
  const result = await createDraft(db(), {
    businessId,
    actor: system,
    invoice: {
      customerId,
      currency: options.currency ?? 'EUR',
      issueDate,
      dueDate: addDaysIso(issueDate, options.termsDays ?? 30),
      purchaseOrder: options.purchaseOrder ?? null,
      acceptanceRequired: options.acceptanceRequired ?? false,
      lines: options.lines ?? defaultLines,
    },
  });
  if (!result.ok) throw new Error(`createDraftInvoice: ${result.error}`);
  const { totalMinor } = await readInvoice(result.invoiceId);
  return { invoiceId: result.invoiceId, businessId, customerId, totalMinor };
}

/** An open invoice with its number, its "invoice issued" email queued, and a live debtor link. */
export async function createIssuedInvoice(options: InvoiceOptions = {}): Promise<IssuedInvoice> {
  const draft = await createDraftInvoice(options);
  const issued = await issueInvoice(db(), {
    businessId: draft.businessId,
    invoiceId: draft.invoiceId,
    actor: system,
    issueDate: options.issueDate,
  });
  if (issued.status !== 'issued') throw new Error(`createIssuedInvoice: ${issued.status}`);
  const row = await readInvoice(draft.invoiceId);
  const token = issued.url.slice(issued.url.lastIndexOf('/i/') + 3);
  return {
    ...draft,
    number: issued.number,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    url: issued.url,
    token,
  };
}
