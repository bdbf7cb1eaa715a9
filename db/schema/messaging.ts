import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { business } from './business';
import { createdAt, id, tstz } from './columns';
import { customers } from './customers';
import { dunningSteps } from './dunning';
import { invoices } from './invoices';
import { users } from './users';

export const emailStatus = pgEnum('email_status', [
  'queued',
  'outbox',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'failed',
]);

/**
 * The transactional outbox: every email is written here in the transaction that causes it, then delivered by the
 * worker through Resend. Without Resend it stays here with status 'outbox' and is read at /admin/outbox.
 */
export const emails = pgTable(
  'emails',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    customerId: uuid('customer_id').references(() => customers.id),
    /** The business action that caused it, e.g. invoice-issued:<invoice id>. The same action never mails twice. */
    dedupeKey: text('dedupe_key').notNull(),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    fromAddress: text('from_address').notNull(),
    replyTo: text('reply_to'),
    to: text('to').array().notNull(),
    cc: text('cc')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<{ filename: string; kind: string; refId: string }[]>(),
    status: emailStatus('status').notNull().default('queued'),
    providerId: text('provider_id'),
    attempts: jsonb('attempts').$type<{ at: string; error: string }[]>().notNull().default([]),
    createdAt: createdAt(),
    sentAt: tstz('sent_at'),
  },
  (t) => [
    unique('emails_dedupe_key_unique').on(t.dedupeKey),
    index('emails_business_created_idx').on(t.businessId, t.createdAt),
    index('emails_queued_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'queued'`),
    index('emails_provider_id_idx').on(t.providerId),
  ],
);

/** One row per (invoice, step): claimed before sending, so a step is sent at most once. */
export const reminders = pgTable(
  'reminders',
  {
    /** uuidv7() on PostgreSQL 18+ (migration reminders_time_ordered_ids): a sweep's claims append to the index. */
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    stepId: uuid('step_id')
      .notNull()
      .references(() => dunningSteps.id),
    status: text('status', { enum: ['claimed', 'sent', 'skipped'] })
      .notNull()
      .default('claimed'),
    /** The date the step fell due for this invoice (due date + offset), in the business's time zone. */
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    /** Why a step was passed over (paid, promised, on_plan, disputed, debit_processing, too_late, no_recipient...). */
    skipReason: text('skip_reason'),
    emailId: uuid('email_id').references(() => emails.id),
    taskId: uuid('task_id').references(() => tasks.id),
    claimedAt: tstz('claimed_at').notNull().defaultNow(),
    sentAt: tstz('sent_at'),
  },
  (t) => [
    unique('reminders_invoice_step_unique').on(t.invoiceId, t.stepId),
    index('reminders_claimed_idx')
      .on(t.claimedAt)
      .where(sql`${t.status} = 'claimed'`),
    check('reminders_status', sql`${t.status} IN ('claimed', 'sent', 'skipped')`),
  ],
);

export const taskKind = pgEnum('task_kind', [
  'call',
  'bounce',
  'dispute',
  'plan',
  'collections',
  'chargeback',
  'other',
]);

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    customerId: uuid('customer_id').references(() => customers.id),
    kind: taskKind('kind').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    status: text('status', { enum: ['open', 'done', 'cancelled'] })
      .notNull()
      .default('open'),
    outcome: text('outcome'),
    notes: text('notes'),
    /** Same action never creates the same task twice (e.g. call:<invoice>:<step>). */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    doneAt: tstz('done_at'),
    doneBy: uuid('done_by').references(() => users.id),
  },
  (t) => [
    unique('tasks_dedupe_key_unique').on(t.dedupeKey),
    index('tasks_business_status_due_idx').on(t.businessId, t.status, t.dueOn),
  ],
);

export const actorType = pgEnum('actor_type', ['debtor', 'user', 'system', 'stripe', 'resend']);

/** Append-only timeline and audit log (a trigger refuses UPDATE and DELETE). */
export const events = pgTable(
  'events',
  {
    id: id(),
    businessId: uuid('business_id')
      .notNull()
      .references(() => business.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    customerId: uuid('customer_id').references(() => customers.id),
    type: text('type').notNull(),
    actorType: actorType('actor_type').notNull(),
    actorId: uuid('actor_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Collapses repeats, e.g. one "viewed" per visitor and half hour. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_invoice_created_idx').on(t.invoiceId, t.createdAt),
    index('events_business_created_idx').on(t.businessId, t.createdAt),
    unique('events_dedupe_key_unique').on(t.dedupeKey),
    check('events_type_format', sql`${t.type} ~ '^[a-z_.]+$'`),
  ],
);
