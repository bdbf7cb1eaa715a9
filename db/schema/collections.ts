import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, currency, id, money } from './columns';
import { invoices } from './invoices';
import { users } from './users';

/**
 * An invoice handed to a collection agency: one per invoice, never updated. Its existence stops the reminder
 * ladder for the invoice (skipReasonSql: `at_agency`).
 */
export const collectionCases = pgTable(
  'collection_cases',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    invoiceId: uuid('invoice_id')
      .notNull()
      .unique()
      .references(() => invoices.id),
    agencyName: text('agency_name').notNull(),
    /** The date of the hand-off, in the business's time zone. */
    handedOn: date('handed_on', { mode: 'string' }).notNull(),
    /** What the agency was asked to recover, incl. tax. */
    amountMinor: money('amount_minor').notNull(),
    currency: currency().notNull(),
    note: text('note'),
    handedBy: uuid('handed_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('collection_cases_business_handed_idx').on(t.businessId, t.handedOn),
    check('collection_cases_amount_pos', sql`${t.amountMinor} > 0`),
    check('collection_cases_agency_len', sql`char_length(${t.agencyName}) BETWEEN 1 AND 200`),
  ],
);
