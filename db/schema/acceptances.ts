import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './columns';
import { invoices } from './invoices';

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
