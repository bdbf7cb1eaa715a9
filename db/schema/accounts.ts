import { sql } from 'drizzle-orm';
import { check, customType, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, id, tstz } from './columns';
import { userRole, users } from './users';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** An owner's invitation to join the business. Only the SHA-256 of the link's token is kept; it is used once. */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    email: text('email').notNull(),
    role: userRole('role').notNull().default('staff'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    acceptedUserId: uuid('accepted_user_id').references(() => users.id),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_business_idx').on(t.businessId, t.createdAt)],
);

/** A password-reset link (hash only), single use, short-lived. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/** The business's logo, kept in the database (no file store to run) and served from /logo/<business>/<sha>. */
export const businessLogos = pgTable(
  'business_logos',
  {
    businessId: uuid('business_id')
      .primaryKey()
      .references(() => business.id),
    contentType: text('content_type').notNull(),
    bytes: bytea('bytes').notNull(),
    sha256: text('sha256').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('business_logos_type', sql`${t.contentType} IN ('image/png', 'image/jpeg')`),
    check('business_logos_size', sql`octet_length(${t.bytes}) <= 524288`),
  ],
);
