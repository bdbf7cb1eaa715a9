import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { business, vatExemption } from './business';
import { createdAt, currency, id, money, tstz } from './columns';
import { customers } from './customers';
import { dunningPolicies } from './dunning';

export const invoiceStatus = pgEnum('invoice_status', ['draft', 'open', 'paid', 'void', 'uncollectible']);

/** Seller and buyer identity frozen when the invoice is issued: what the law wants printed, as it was. */
export type PartySnapshot = {
  name: string;
  legalForm?: string | null;
  siren?: string | null;
  vatNumber?: string | null;
  addressLines: string[];
  country: string;
  email?: string | null;
  phone?: string | null;
};

export const invoices = pgTable(
  'invoices',
  {
    /** uuidv7() on PostgreSQL 18+ (migration reminders_time_ordered_ids): id order follows the table. */
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    status: invoiceStatus('status').notNull().default('draft'),
    /** Gapless per business and year, e.g. 2026-000123; null while draft. */
    number: text('number'),
    numberYear: integer('number_year'),
    numberSeq: integer('number_seq'),
    currency: currency().notNull(),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    termsDays: integer('terms_days').notNull(),
    /** A date in the business's time zone. */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    purchaseOrder: text('purchase_order'),
    notes: text('notes'),
    /** Why no VAT is charged, printed as the law's mention; null: VAT as the lines say. */
    vatExemption: vatExemption('vat_exemption'),
    subtotalMinor: money('subtotal_minor').notNull(),
    taxMinor: money('tax_minor').notNull(),
    totalMinor: money('total_minor').notNull(),
    /**
     * What the ledger has settled so far (succeeded payments net of refunds and lost chargebacks, plus credit
     * notes), kept by triggers on payments, refunds and credit_notes in the same transaction as each change
     * (migration reports_dashboard). The reports and the dunning sweep read it, so they need no per-invoice ledger
     * lookups; everything else (including the send of each reminder the sweep claims) derives the ledger
     * (balance.server.ts), and a test checks the two agree.
     */
    settledMinor: money('settled_minor').notNull().default(0),
    /** Basis points per year; null means the French statutory rate. */
    penaltyRateBps: integer('penalty_rate_bps'),
    recoveryIndemnityMinor: money('recovery_indemnity_minor').notNull(),
    acceptanceRequired: boolean('acceptance_required').notNull().default(false),
    /** Set when the business asks for the letter to be signed (possibly before issuing: the draft is then viewable). */
    acceptanceRequestedAt: tstz('acceptance_requested_at'),
    /** The delivery date the acceptance letter states; null: the issue date. */
    deliveryDate: date('delivery_date', { mode: 'string' }),
    dunningPolicyId: uuid('dunning_policy_id').references(() => dunningPolicies.id),
    seller: jsonb('seller').$type<PartySnapshot>(),
    buyer: jsonb('buyer').$type<PartySnapshot>(),
    createdAt: createdAt(),
    issuedAt: tstz('issued_at'),
    paidAt: tstz('paid_at'),
    voidedAt: tstz('voided_at'),
  },
  (t) => [
    unique('invoices_business_number_unique').on(t.businessId, t.number),
    unique('invoices_business_year_seq_unique').on(t.businessId, t.numberYear, t.numberSeq),
    index('invoices_business_status_due_idx').on(t.businessId, t.status, t.dueDate),
    index('invoices_customer_idx').on(t.customerId),
    // The aging report and dashboard read open invoices from this index alone (index-only scan; drizzle has no
    // INCLUDE, so the read columns are trailing keys).
    index('invoices_open_aging_idx')
      .on(t.businessId, t.customerId, t.currency, t.dueDate, t.totalMinor, t.settledMinor, t.id)
      .where(sql`${t.status} = 'open'`),
    // Sales by issue date, for DSO.
    index('invoices_issued_sales_idx')
      .on(t.businessId, t.issueDate, t.currency, t.totalMinor)
      .where(sql`${t.status} IN ('open', 'paid', 'uncollectible')`),
    check('invoices_amounts_nonneg', sql`${t.subtotalMinor} >= 0 AND ${t.taxMinor} >= 0`),
    check('invoices_exempt_untaxed', sql`${t.vatExemption} IS NULL OR ${t.taxMinor} = 0`),
    check('invoices_total_sum', sql`${t.totalMinor} = ${t.subtotalMinor} + ${t.taxMinor}`),
    check('invoices_due_after_issue', sql`${t.dueDate} >= ${t.issueDate}`),
    check('invoices_terms_nonneg', sql`${t.termsDays} >= 0`),
    check('invoices_currency_upper', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_numbered_unless_draft', sql`(${t.status} = 'draft') = (${t.number} IS NULL)`),
  ],
);

/**
 * quantity is in thousandths (1.5 = 1500); tax rate in basis points (20% = 2000).
 * lineTotal = round(quantity * unit price / 1000), excluding tax.
 */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    quantityMilli: integer('quantity_milli').notNull(),
    unit: text('unit'),
    unitPriceMinor: money('unit_price_minor').notNull(),
    taxRateBps: integer('tax_rate_bps').notNull(),
    lineTotalMinor: money('line_total_minor').notNull(),
  },
  (t) => [
    unique('invoice_lines_position_unique').on(t.invoiceId, t.position),
    check('invoice_lines_qty_pos', sql`${t.quantityMilli} > 0`),
    check('invoice_lines_price_nonneg', sql`${t.unitPriceMinor} >= 0`),
    check('invoice_lines_tax_range', sql`${t.taxRateBps} BETWEEN 0 AND 10000`),
    check('invoice_lines_total_nonneg', sql`${t.lineTotalMinor} >= 0`),
  ],
);

/**
 * A private link to one invoice. Only the SHA-256 of the 256-bit token is stored. Every email mints its own link,
 * so several can be live at once; rotating revokes them all and mints one.
 */
export const invoiceLinks = pgTable(
  'invoice_links',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    uniqueIndex('invoice_links_token_hash_unique').on(t.tokenHash),
    index('invoice_links_invoice_idx').on(t.invoiceId),
    check('invoice_links_hash_format', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('invoice_links_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

export const creditNotes = pgTable(
  'credit_notes',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    number: text('number').notNull(),
    numberYear: integer('number_year').notNull(),
    numberSeq: integer('number_seq').notNull(),
    currency: currency().notNull(),
    /** Including tax; reduces the invoice's balance. */
    amountMinor: money('amount_minor').notNull(),
    reason: text('reason').notNull(),
    disputeId: uuid('dispute_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('credit_notes_business_number_unique').on(t.businessId, t.number),
    index('credit_notes_invoice_idx').on(t.invoiceId),
    check('credit_notes_amount_pos', sql`${t.amountMinor} > 0`),
    // An accepted dispute is credited once.
    uniqueIndex('credit_notes_dispute_unique')
      .on(t.disputeId)
      .where(sql`${t.disputeId} IS NOT NULL`),
  ],
);

/** Gapless counters: the row is locked by the issuing transaction, so a rollback gives the number back. */
export const numberSequences = pgTable(
  'number_sequences',
  {
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    kind: text('kind', { enum: ['invoice', 'credit_note'] }).notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.businessId, t.kind, t.year] }),
    check('number_sequences_nonneg', sql`${t.lastValue} >= 0`),
  ],
);
