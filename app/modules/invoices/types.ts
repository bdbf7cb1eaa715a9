import type { PartySnapshot } from '#db/schema/invoices';
import type { VatExemption } from './form-options';

export type { PartySnapshot };

export type InvoiceLineView = {
  id: string;
  position: number;
  description: string;
  quantityMilli: number;
  unit: string | null;
  unitPriceMinor: number;
  taxRateBps: number;
  lineTotalMinor: number;
};

/** Everything the debtor page, the invoice PDF and the emails show about one invoice. */
export type InvoiceView = {
  id: string;
  businessId: string;
  customerId: string;
  number: string;
  status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
  currency: string;
  issueDate: string;
  dueDate: string;
  termsDays: number;
  purchaseOrder: string | null;
  notes: string | null;
  /** Why no VAT is charged: printed as the law's mention (`vat.<exemption>`) under the totals. */
  vatExemption?: VatExemption | null;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** Null: the French statutory rate (ECB + 10 points). */
  penaltyRateBps: number | null;
  recoveryIndemnityMinor: number;
  seller: PartySnapshot;
  buyer: PartySnapshot;
  lines: InvoiceLineView[];
  business: {
    name: string;
    logoUrl: string | null;
    iban: string | null;
    bic: string | null;
    timeZone: string;
    paymentTermsText: string | null;
    email: string;
    phone: string | null;
    partialPaymentsAllowed: boolean;
    /** The smallest partial payment the business accepts (the server raises it to at least 1.00). */
    minPartialPaymentMinor: number;
  };
  /** Succeeded payments minus refunds and lost chargebacks. */
  paidMinor: number;
  creditedMinor: number;
  /** Bank debits not yet confirmed: shown as pending, not counted as paid. */
  processingMinor: number;
  balanceMinor: number;
  disputedMinor: number;
  promisedDate: string | null;
  plan: {
    nextDueDate: string | null;
    nextAmountMinor: number | null;
    paidCount?: number;
    partCount?: number;
  } | null;
  /** Whether a signed acceptance letter is required, and the signature if there is one. */
  acceptanceRequired?: boolean;
  acceptanceRequestedAt?: string | null;
  deliveryDate?: string | null;
  acceptance?: { signedAt: string; signerName: string; signerRole: string; sha256: string } | null;
  /** The latest dispute, in progress or resolved. */
  dispute?: {
    id: string;
    status: 'waiting_for_us' | 'waiting_for_them' | 'accepted' | 'rejected';
    amountMinor: number;
  } | null;
  /** What the debtor may arrange besides paying (links to their own pages): installment offers, a promise. */
  arrangements?: { plans: boolean; promises: boolean };
  paidAt: string | null;
  voidedAt: string | null;
  /** Succeeded payments, each with its receipt. */
  receipts: { id: string; amountMinor: number; receivedAt: string }[];
};
