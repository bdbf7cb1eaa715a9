import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, currency, id, money, tstz } from './columns';
import { customers } from './customers';
import { invoices } from './invoices';
import { installments } from './plans';
import { statementPayments } from './statements';
import { users } from './users';

export const paymentStatus = pgEnum('payment_status', [
  'requires_payment_method',
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'canceled',
]);
export const paymentMethod = pgEnum('payment_method', [
  'card',
  'sepa_debit',
  'us_bank_account',
  'bank_transfer',
  'cheque',
  'cash',
  'other',
]);

/**
 * One row per Stripe PaymentIntent (unique) or per offline payment. An invoice's balance is derived from its
 * succeeded payments, refunds and credit notes, never stored.
 */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    installmentId: uuid('installment_id').references(() => installments.id),
    /** A share of a multi-invoice statement payment (its PaymentIntent is on the statement payment). */
    statementPaymentId: uuid('statement_payment_id').references(() => statementPayments.id),
    currency: currency().notNull(),
    amountMinor: money('amount_minor').notNull(),
    status: paymentStatus('status').notNull(),
    method: paymentMethod('method'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    stripeChargeId: text('stripe_charge_id'),
    /**
     * When Stripe's view of the PaymentIntent that we last applied was taken (event `created`, unix seconds): an
     * older observation never overwrites a newer one, and `succeeded` is never undone.
     */
    stripeObservedAt: integer('stripe_observed_at'),
    /** Bank reference, cheque number... for offline payments. */
    reference: text('reference'),
    /** For payments recorded by hand: the form's one-time key, so a double submit records one payment. */
    requestKey: text('request_key'),
    receivedOn: date('received_on', { mode: 'string' }),
    failureMessage: text('failure_message'),
    /** Chargeback state from Stripe: null, or needs_response / under_review / won / lost. */
    chargebackStatus: text('chargeback_status'),
    chargebackAmountMinor: money('chargeback_amount_minor').notNull().default(0),
    metadata: jsonb('metadata'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
    succeededAt: tstz('succeeded_at'),
  },
  (t) => [
    uniqueIndex('payments_stripe_pi_unique').on(t.stripePaymentIntentId),
    uniqueIndex('payments_request_key_unique').on(t.requestKey),
    index('payments_stripe_charge_idx').on(t.stripeChargeId),
    index('payments_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} IN ('requires_payment_method', 'requires_action', 'processing')`),
    index('payments_invoice_idx').on(t.invoiceId, t.status),
    uniqueIndex('payments_statement_share_unique')
      .on(t.statementPaymentId, t.invoiceId)
      .where(sql`${t.statementPaymentId} IS NOT NULL`),
    index('payments_business_succeeded_idx').on(t.businessId, t.succeededAt),
    // Collections over time (dashboard figure and trend) from the index alone.
    index('payments_collected_idx')
      .on(t.businessId, t.succeededAt, t.currency, t.amountMinor)
      .where(sql`${t.status} = 'succeeded'`),
    check('payments_amount_pos', sql`${t.amountMinor} > 0`),
    check('payments_chargeback_range', sql`${t.chargebackAmountMinor} BETWEEN 0 AND ${t.amountMinor}`),
  ],
);

/** Refunds of a payment; the balance reopens by their sum. */
export const refunds = pgTable(
  'refunds',
  {
    id: id(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    stripeRefundId: text('stripe_refund_id'),
    amountMinor: money('amount_minor').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'canceled'] }).notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('refunds_stripe_id_unique').on(t.stripeRefundId),
    index('refunds_payment_idx').on(t.paymentId),
    check('refunds_amount_pos', sql`${t.amountMinor} > 0`),
  ],
);

/** Stripe event ids already applied: inserted in the same transaction as the effect. */
/**
 * Stripe's events as received: the webhook stores each verified event once (its id is the key, so a redelivery is
 * a no-op) and answers at once; the worker then applies it, setting `processed_at` in the same transaction as the
 * effect, so an event changes our data exactly once whatever the deliveries, retries and workers.
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    objectId: text('object_id'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    /** The verified event; null only for rows from before events were queued. */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    processedAt: tstz('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('stripe_events_unprocessed_idx')
      .on(t.receivedAt)
      .where(sql`${t.processedAt} IS NULL`),
  ],
);
