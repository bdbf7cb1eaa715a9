import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, money, tstz } from './columns';
import { invoiceLines, invoices } from './invoices';
import { users } from './users';

export const disputeReason = pgEnum('dispute_reason', [
  'not_delivered',
  'not_as_described',
  'wrong_amount',
  'already_paid',
  'other',
]);
export const disputeStatus = pgEnum('dispute_status', [
  'waiting_for_us',
  'waiting_for_them',
  'accepted',
  'rejected',
]);

export const disputes = pgTable(
  'disputes',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    reason: disputeReason('reason').notNull(),
    status: disputeStatus('status').notNull().default('waiting_for_us'),
    /** Incl. tax: the whole balance, or the chosen lines' share. Reminders stop for this amount. */
    amountMinor: money('amount_minor').notNull(),
    scope: text('scope', { enum: ['invoice', 'lines'] }).notNull(),
    openedAt: tstz('opened_at').notNull().defaultNow(),
    resolvedAt: tstz('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [
    index('disputes_invoice_idx').on(t.invoiceId),
    index('disputes_status_idx').on(t.status, t.openedAt),
    check('disputes_amount_pos', sql`${t.amountMinor} > 0`),
    // One dispute in progress per invoice: a second (or concurrent) one is refused by the database too.
    uniqueIndex('disputes_one_open_per_invoice')
      .on(t.invoiceId)
      .where(sql`${t.status} IN ('waiting_for_us', 'waiting_for_them')`),
  ],
);

export const disputeLines = pgTable(
  'dispute_lines',
  {
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => invoiceLines.id),
  },
  (t) => [primaryKey({ columns: [t.disputeId, t.lineId] })],
);

export const disputeMessages = pgTable(
  'dispute_messages',
  {
    id: id(),
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    author: text('author', { enum: ['debtor', 'business'] }).notNull(),
    userId: uuid('user_id').references(() => users.id),
    body: text('body').notNull(),
    /** A business reply that attaches the signed acceptance letter (PDF) to its email and thread. */
    attachesAcceptance: boolean('attaches_acceptance').notNull().default(false),
    /** What the message did to the dispute: null for a plain message. */
    kind: text('kind', { enum: ['opened', 'accepted', 'rejected'] }),
    createdAt: createdAt(),
  },
  (t) => [
    index('dispute_messages_dispute_idx').on(t.disputeId, t.createdAt),
    check('dispute_messages_body_len', sql`char_length(${t.body}) BETWEEN 1 AND 10000`),
  ],
);
