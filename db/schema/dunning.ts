import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, id, tstz } from './columns';

export const dunningChannel = pgEnum('dunning_channel', ['email', 'call_task', 'letter', 'collections_task']);
export const dunningTone = pgEnum('dunning_tone', ['friendly', 'firm', 'formal']);

export const dunningPolicies = pgTable(
  'dunning_policies',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dunning_policies_one_default')
      .on(t.businessId)
      .where(sql`${t.isDefault}`),
  ],
);

/** One rung of the ladder: offset in days from the due date (negative = before it). */
export const dunningSteps = pgTable(
  'dunning_steps',
  {
    id: id(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => dunningPolicies.id, { onDelete: 'cascade' }),
    offsetDays: integer('offset_days').notNull(),
    channel: dunningChannel('channel').notNull(),
    tone: dunningTone('tone').notNull(),
    subjectFr: text('subject_fr').notNull(),
    bodyFr: text('body_fr').notNull(),
    subjectEn: text('subject_en').notNull(),
    bodyEn: text('body_en').notNull(),
    createdAt: createdAt(),
    /** A removed step that already has reminders is archived, not deleted, so its history stays readable. */
    archivedAt: tstz('archived_at'),
  },
  (t) => [
    uniqueIndex('dunning_steps_policy_offset_unique')
      .on(t.policyId, t.offsetDays)
      .where(sql`${t.archivedAt} IS NULL`),
    index('dunning_steps_policy_idx').on(t.policyId),
    check('dunning_steps_offset_range', sql`${t.offsetDays} BETWEEN -60 AND 365`),
  ],
);
