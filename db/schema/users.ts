import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, id, tstz } from './columns';

export const userRole = pgEnum('user_role', ['owner', 'staff']);

export const users = pgTable(
  'users',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull().default('staff'),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: tstz('locked_until'),
    createdAt: createdAt(),
    disabledAt: tstz('disabled_at'),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    check('users_failed_nonneg', sql`${t.failedLoginCount} >= 0`),
  ],
);

/** Admin sessions. The cookie holds a random id; only its SHA-256 is stored, so a database leak logs no one in. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    revokedAt: tstz('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
