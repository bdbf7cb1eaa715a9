/** Choices the invoice forms offer; shared by the server schema and the page (so no `.server` suffix). */

export const INVOICE_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;

/** French VAT rates, in percent as typed. Any rate from 0 to 100 is accepted; these are the ones offered. */
export const FRENCH_TAX_RATES = ['20', '10', '5.5', '2.1', '0'] as const;

export const MAX_LINES = 200;

export const OFFLINE_METHODS = ['bank_transfer', 'cheque', 'cash', 'other'] as const;
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Why an invoice charges no VAT (the mention printed on it); the vat_exemption enum in db/schema/business.ts. */
export const VAT_EXEMPTIONS = ['franchise', 'reverse_charge', 'intra_eu_goods', 'export'] as const;
export type VatExemption = (typeof VAT_EXEMPTIONS)[number];
/** The buyer's VAT number must be on these invoices (an EU business accounts for the VAT itself). */
export const NEEDS_BUYER_VAT: readonly VatExemption[] = ['reverse_charge', 'intra_eu_goods'];
