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
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, money, tstz } from './columns';
import { invoices } from './invoices';
import { users } from './users';

export const promiseStatus = pgEnum('promise_status', ['active', 'kept', 'broken', 'cancelled']);

export const promises = pgTable(
  'promises',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    promisedDate: date('promised_date', { mode: 'string' }).notNull(),
    amountMinor: money('amount_minor'),
    reason: text('reason', { enum: ['cash_flow', 'awaiting_approval', 'invoice_not_received', 'other'] }),
    note: text('note'),
    status: promiseStatus('status').notNull().default('active'),
    source: text('source', { enum: ['debtor', 'staff'] }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
    resolvedAt: tstz('resolved_at'),
  },
  (t) => [
    uniqueIndex('promises_one_active_per_invoice')
      .on(t.invoiceId)
      .where(sql`${t.status} = 'active'`),
    index('promises_status_date_idx').on(t.status, t.promisedDate),
    index('promises_invoice_idx').on(t.invoiceId),
    check('promises_amount_pos', sql`${t.amountMinor} IS NULL OR ${t.amountMinor} > 0`),
  ],
);

export const planStatus = pgEnum('plan_status', ['pending', 'active', 'completed', 'defaulted', 'cancelled']);
export const installmentStatus = pgEnum('installment_status', [
  'scheduled',
  'processing',
  'paid',
  'failed',
  'cancelled',
]);

export const paymentPlans = pgTable(
  'payment_plans',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    status: planStatus('status').notNull().default('pending'),
    offer: jsonb('offer').notNull(),
    totalMinor: money('total_minor').notNull(),
    stripeCustomerId: text('stripe_customer_id'),
    stripePaymentMethodId: text('stripe_payment_method_id'),
    stripeMandateId: text('stripe_mandate_id'),
    createdAt: createdAt(),
    activatedAt: tstz('activated_at'),
    endedAt: tstz('ended_at'),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
  },
  (t) => [
    index('payment_plans_status_idx').on(t.status, t.createdAt),
    uniqueIndex('payment_plans_one_live_per_invoice')
      .on(t.invoiceId)
      .where(sql`${t.status} IN ('pending', 'active')`),
    check('payment_plans_total_pos', sql`${t.totalMinor} > 0`),
  ],
);

export const installments = pgTable(
  'installments',
  {
    id: id(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => paymentPlans.id),
    seq: integer('seq').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    amountMinor: money('amount_minor').notNull(),
    status: installmentStatus('status').notNull().default('scheduled'),
    attempts: integer('attempts').notNull().default(0),
    /** Set while a charge is due; the charge job claims the row by clearing it. */
    nextAttemptAt: tstz('next_attempt_at'),
    /**
     * Set by the claim, cleared once the attempt's outcome is recorded: an attempt left hanging (worker killed
     * mid-call) is re-run with the same attempt number, hence the same idempotency key, so it cannot charge twice.
     */
    chargeStartedAt: tstz('charge_started_at'),
    /** Stripe's code for the last failed attempt (card_declined, authentication_required...). */
    lastFailureCode: text('last_failure_code'),
    paidAt: tstz('paid_at'),
  },
  (t) => [
    unique('installments_plan_seq_unique').on(t.planId, t.seq),
    index('installments_charge_started_idx')
      .on(t.chargeStartedAt)
      .where(sql`${t.chargeStartedAt} IS NOT NULL`),
    index('installments_next_attempt_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.nextAttemptAt} IS NOT NULL`),
    check('installments_amount_pos', sql`${t.amountMinor} > 0`),
    check('installments_attempts_nonneg', sql`${t.attempts} >= 0`),
  ],
);
