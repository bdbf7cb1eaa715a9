import { and, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { business, dunningPolicies, invoices, reminders } from '#db/schema/index';
import { db as appDb, type Db } from '~/utils/db.server';
import { isInSendingWindow, localTime } from './business-calendar';
import { ensureDefaultPolicy } from './ensure-default-policy.server';
import { balanceSql, skipReasonSql } from './skip-rules.server';

/** A claim older than this that is still 'claimed' lost its send (worker killed, queue lost): send it again. */
export const STALE_CLAIM_MINUTES = 5;

export type SweepResult = {
  /** Businesses inside their sending window at `now`. */
  businesses: number;
  /** Reminders claimed by this sweep. */
  claimed: string[];
  /** Older claims that were never completed, handed out again. */
  requeued: string[];
};

/**
 * The dunning sweep (every 15 minutes in the worker). For each business inside its sending window, claims in one
 * set-based statement the step due today for each of its open invoices, then hands the claimed reminders (and any
 * stale claims) to `enqueue`, which the worker turns into send jobs (dunning-jobs.server.ts; sendReminder sends).
 *
 * Which step: the latest non-archived step of the invoice's policy (the invoice's own, else its customer's, else
 * the business default, which is created if missing; a policy of another business is never used) whose date (due date + offset) is today or earlier, and only if that date is at most
 * `reminder_grace_days` ago. Earlier steps that were missed (the invoice was promised or on a plan, the worker was
 * down) are never claimed: a ladder resumed after a pause starts from the step now due, it does not burst out the
 * missed ones, and a step too late for its grace is not sent at all. Invoices that skipReasonSql excludes (paid,
 * void, promised, on a plan, debit processing, fully disputed) are not claimed either; the send handler checks the
 * rules again at sending time.
 *
 * Exactly once: the claim is `INSERT ... ON CONFLICT (invoice_id, step_id) DO NOTHING`, so any number of sweeps,
 * sequential or concurrent, claim each (invoice, step) once; rows are inserted in key order so two concurrent
 * sweeps wait on each other instead of deadlocking.
 */
export async function runDunningSweep(input: {
  now: Date;
  db?: Db;
  enqueue?: (reminderIds: string[]) => Promise<void>;
}): Promise<SweepResult> {
  const db = input.db ?? appDb();
  const open = await businessesInWindow(db, input.now);
  if (!open.length) return { businesses: 0, claimed: [], requeued: [] };
  for (const b of open) {
    if (!b.hasDefaultPolicy) await db.transaction((tx) => ensureDefaultPolicy(tx, b.id));
  }
  const claimed = await claimDueSteps(db, open, input.now);
  const requeued = await staleClaims(
    db,
    open.map((b) => b.id),
    input.now,
  );
  const ids = [...claimed, ...requeued];
  if (ids.length && input.enqueue) await input.enqueue(ids);
  return { businesses: open.length, claimed, requeued };
}

type OpenBusiness = { id: string; today: string; grace: number; hasDefaultPolicy: boolean };

async function businessesInWindow(db: Db, now: Date): Promise<OpenBusiness[]> {
  const rows = await db
    .select({
      id: business.id,
      timeZone: business.timeZone,
      country: business.country,
      startHour: business.reminderWindowStartHour,
      endHour: business.reminderWindowEndHour,
      grace: business.reminderGraceDays,
      hasDefaultPolicy: sql<boolean>`EXISTS (SELECT 1 FROM ${dunningPolicies}
        WHERE ${dunningPolicies.businessId} = ${business.id} AND ${dunningPolicies.isDefault})`,
    })
    .from(business);
  return rows
    .filter((b) => isInSendingWindow(b, now))
    .map((b) => ({
      id: b.id,
      today: localTime(now, b.timeZone).date,
      grace: b.grace,
      hasDefaultPolicy: b.hasDefaultPolicy,
    }));
}

async function claimDueSteps(db: Db, open: OpenBusiness[], now: Date): Promise<string[]> {
  // Enough memory to sort a large claim (100k rows) in memory rather than on disk.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    return tx.execute<{ id: string }>(claimDueStepsSql(open, now));
  });
  return rows.map((r) => r.id);
}

/** The claim statement (exported for the bench's EXPLAIN). `today` is each business's local date. */
export function claimDueStepsSql(open: { id: string; today: string; grace: number }[], now: Date): SQL {
  const businesses = JSON.stringify(open.map(({ id, today, grace }) => ({ id, today, grace })));
  const balance = sql`m.balance`;
  return sql`
    WITH b AS MATERIALIZED (
      SELECT b.id, b.today, b.grace, dp.id AS default_policy_id
      FROM jsonb_to_recordset(${businesses}::jsonb) AS b(id uuid, today date, grace int)
      JOIN dunning_policies dp ON dp.business_id = b.id AND dp.is_default
    ),
    -- Each live step with the offset of the step after it: step s is an invoice's latest due step exactly when
    -- s.offset <= days late < next offset, and it is within its grace when days late - s.offset <= grace.
    st AS MATERIALIZED (
      SELECT s.id, s.policy_id, s.offset_days, b.id AS business_id, b.today, b.grace, b.default_policy_id,
        lead(s.offset_days) OVER (PARTITION BY s.policy_id ORDER BY s.offset_days) AS next_offset
      FROM b
      JOIN dunning_policies p ON p.business_id = b.id
      JOIN dunning_steps s ON s.policy_id = p.id AND s.archived_at IS NULL
    ),
    due AS (
      SELECT i.id AS invoice_id, st.id AS step_id, i.due_date + st.offset_days AS scheduled_on
      FROM st
      -- Per step, one range scan of invoices_business_status_due_idx: only the invoices this step is due for, so
      -- the sweep's cost follows the number of steps due, not the number of open invoices (OFFSET 0 keeps the
      -- planner from turning this into a hash join over every open invoice).
      CROSS JOIN LATERAL (
        SELECT i.* FROM invoices i
        WHERE i.business_id = st.business_id AND i.status = 'open'
          AND i.due_date BETWEEN st.today - st.offset_days - st.grace AND st.today - st.offset_days
          AND (st.next_offset IS NULL OR i.due_date > st.today - st.next_offset)
        OFFSET 0
      ) i
      JOIN customers c ON c.id = i.customer_id
      CROSS JOIN LATERAL (SELECT ${balanceSql(sql`i`)} AS balance OFFSET 0) m
      WHERE COALESCE(i.dunning_policy_id, c.dunning_policy_id, st.default_policy_id) = st.policy_id
        AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.invoice_id = i.id AND r.step_id = st.id)
        AND ${skipReasonSql(sql`i`, balance, sql`st.today`)} IS NULL
    )
    INSERT INTO reminders (invoice_id, step_id, status, scheduled_on, claimed_at)
    SELECT invoice_id, step_id, 'claimed', scheduled_on, ${now.toISOString()}::timestamptz
    FROM due
    ORDER BY invoice_id, step_id
    ON CONFLICT (invoice_id, step_id) DO NOTHING
    RETURNING id`;
}

/** Claims left 'claimed' by a sweep or a send that died, for the businesses now in their window. */
async function staleClaims(db: Db, businessIds: string[], now: Date): Promise<string[]> {
  const before = new Date(now.getTime() - STALE_CLAIM_MINUTES * 60_000);
  const rows = await db
    .select({ id: reminders.id })
    .from(reminders)
    .innerJoin(invoices, eq(invoices.id, reminders.invoiceId))
    .where(
      and(
        eq(reminders.status, 'claimed'),
        lt(reminders.claimedAt, before),
        inArray(invoices.businessId, businessIds),
      ),
    );
  return rows.map((r) => r.id);
}
