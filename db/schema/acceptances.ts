import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, id, tstz } from './columns';
import { invoices } from './invoices';
import { users } from './users';

/** Evidence of a signed acceptance letter. One per invoice, never updated. */
export const acceptances = pgTable(
  'acceptances',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .unique()
      .references(() => invoices.id),
    signerName: text('signer_name').notNull(),
    signerRole: text('signer_role').notNull(),
    signedAt: tstz('signed_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    locale: text('locale').notNull(),
    letterText: text('letter_text').notNull(),
    invoiceSnapshot: jsonb('invoice_snapshot').notNull(),
    /** SHA-256 (hex) over the letter text and the canonical invoice snapshot. */
    sha256: text('sha256').notNull(),
    /** Optional drawn signature as SVG path data. */
    signatureSvg: text('signature_svg'),
    createdAt: createdAt(),
  },
  (t) => [check('acceptances_sha256_format', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

/**
 * The business's acceptance-letter wording, one per language. Placeholders ({{deliverables}}, {{delivery_date}},
 * {{contract_reference}}...) are filled from the invoice when the letter is shown; without a row, the default text.
 */
export const acceptanceTemplates = pgTable(
  'acceptance_templates',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    locale: text('locale', { enum: ['fr', 'en'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [
    unique('acceptance_templates_business_locale_unique').on(t.businessId, t.locale),
    check('acceptance_templates_locale', sql`${t.locale} IN ('fr', 'en')`),
    check('acceptance_templates_body_len', sql`char_length(${t.body}) BETWEEN 1 AND 20000`),
  ],
);
