import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, currency, id, money, tstz } from './columns';
import { customers } from './customers';
import { invoices } from './invoices';

/**
 * A private link to a customer's statement (/s/<token>): the same rules as invoice links (256-bit token, only its
 * SHA-256 stored, revocable, expiring). Every reminder mints its own; rotating revokes them all and mints one.
 */
export const statementLinks = pgTable(
  'statement_links',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    uniqueIndex('statement_links_token_hash_unique').on(t.tokenHash),
    index('statement_links_customer_idx').on(t.customerId),
    check('statement_links_hash_format', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('statement_links_expiry_after_creation', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

export const STATEMENT_PAYMENT_STATUSES = [
  'requires_payment_method',
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'canceled',
] as const;

/**
 * One payment of several invoices at once: one Stripe PaymentIntent, in one currency. The row and its planned
 * allocation are written before the PaymentIntent exists; once Stripe confirms, each share becomes an ordinary
 * `payments` row on its invoice (linked back here), so every ledger query stays as it is. What could not be applied
 * (an invoice settled meanwhile) is `excess_minor`, refunded to the customer (see apply-statement-payment).
 */
export const statementPayments = pgTable(
  'statement_payments',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    currency: currency().notNull(),
    amountMinor: money('amount_minor').notNull(),
    status: text('status', { enum: STATEMENT_PAYMENT_STATUSES }).notNull(),
    /** Null only between writing the plan and Stripe's answer. */
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeChargeId: text('stripe_charge_id'),
    /** How the customer paid (from the charge), copied to every share. */
    method: text('method', { enum: ['card', 'sepa_debit', 'us_bank_account'] }),
    /** As payments.stripe_observed_at: an older view of the PaymentIntent never overwrites a newer one. */
    stripeObservedAt: integer('stripe_observed_at'),
    /** When the allocation became payments (once). */
    appliedAt: tstz('applied_at'),
    /** Received but owed on no invoice any more when applied: refunded to the customer. */
    excessMinor: money('excess_minor').notNull().default(0),
    excessRefundId: text('excess_refund_id'),
    chargebackStatus: text('chargeback_status'),
    chargebackAmountMinor: money('chargeback_amount_minor').notNull().default(0),
    createdAt: createdAt(),
    succeededAt: tstz('succeeded_at'),
  },
  (t) => [
    uniqueIndex('statement_payments_stripe_pi_unique').on(t.stripePaymentIntentId),
    index('statement_payments_customer_idx').on(t.customerId, t.createdAt),
    index('statement_payments_charge_idx').on(t.stripeChargeId),
    check('statement_payments_amount_pos', sql`${t.amountMinor} > 0`),
    check('statement_payments_excess_range', sql`${t.excessMinor} BETWEEN 0 AND ${t.amountMinor}`),
  ],
);

/** The planned share of each invoice, in the order it was served (oldest due first). */
export const statementPaymentAllocations = pgTable(
  'statement_payment_allocations',
  {
    id: id(),
    statementPaymentId: uuid('statement_payment_id')
      .notNull()
      .references(() => statementPayments.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    amountMinor: money('amount_minor').notNull(),
    /** What was really applied when Stripe confirmed (less when the invoice was settled meanwhile). */
    appliedMinor: money('applied_minor'),
  },
  (t) => [
    unique('statement_allocations_invoice_unique').on(t.statementPaymentId, t.invoiceId),
    unique('statement_allocations_position_unique').on(t.statementPaymentId, t.position),
    index('statement_allocations_invoice_idx').on(t.invoiceId),
    check('statement_allocations_amount_pos', sql`${t.amountMinor} > 0`),
    check(
      'statement_allocations_applied_range',
      sql`${t.appliedMinor} IS NULL OR ${t.appliedMinor} BETWEEN 0 AND ${t.amountMinor}`,
    ),
  ],
);
