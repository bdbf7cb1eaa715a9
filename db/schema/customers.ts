import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
  char,
} from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, id } from './columns';
import { dunningPolicies } from './dunning';

export const creditPolicy = pgEnum('credit_policy', ['standard', 'deposit_required', 'prepay_only']);
export const contactRole = pgEnum('contact_role', ['billing', 'accounts_payable', 'project_lead']);

export const customers = pgTable(
  'customers',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    siren: text('siren'),
    vatNumber: text('vat_number'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: char('country', { length: 2 }).notNull().default('FR'),
    locale: text('locale').notNull().default('fr'),
    /** The currency new invoices start in; null: the business's default. */
    currency: char('currency', { length: 3 }),
    /** Null: the business's default terms. */
    termsDays: integer('terms_days'),
    creditPolicy: creditPolicy('credit_policy').notNull().default('standard'),
    /** Under deposit_required: the share of each new invoice billed at once on a deposit invoice. */
    depositPercent: integer('deposit_percent').notNull().default(30),
    /** New invoices for this customer require a signed acceptance letter by default. */
    acceptanceRequired: boolean('acceptance_required').notNull().default(false),
    /** Installment plans offered to this customer (never to a prepay_only one, whatever this says). */
    installmentsAllowed: boolean('installments_allowed').notNull().default(true),
    dunningPolicyId: uuid('dunning_policy_id').references(() => dunningPolicies.id),
    notes: text('notes'),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('customers_business_name_idx').on(t.businessId, t.name),
    check('customers_terms_nonneg', sql`${t.termsDays} IS NULL OR ${t.termsDays} >= 0`),
    check('customers_deposit_percent_range', sql`${t.depositPercent} BETWEEN 1 AND 99`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    roles: contactRole('roles')
      .array()
      .notNull()
      .default(sql`'{}'::contact_role[]`),
    /** Set by a bounce or complaint; no more mail goes to this address until someone fixes it. */
    emailSuppressedAt: timestamp('email_suppressed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId)],
);
