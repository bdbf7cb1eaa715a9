import { and, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { business, dunningPolicies, invoices, reminders } from '#db/schema/index';
import { db as appDb, type Db } from '~/utils/db.server';
import { isInSendingWindow, localTime } from './business-calendar';
import { ensureDefaultPolicy } from './ensure-default-policy.server';
import { settledBalanceSql, skipReasonSql } from './skip-rules.server';

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
 * set-based statement (claimDueStepsSql) the step due today for each of its open invoices, then hands the claimed reminders (and any
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
 * sweeps wait on each other instead of deadlocking. A ledger change locks its invoice FOR NO KEY UPDATE, which
 * the key-share lock of the claim's foreign key does not wait for. Invoice ids are time-ordered (UUIDv7), so that
 * order also follows the invoices table.
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
  const claimed: string[] = [];
  for (const b of open) {
    // One statement per business, planned with its own date window as constants (see claimDueStepsSql); enough
    // memory to sort a large claim (100k rows) in memory rather than on disk.
    const [row] = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
      const [scope] = await tx.execute<ClaimScope>(claimScopeSql(b));
      if (!scope?.from) return [];
      return tx.execute<{ ids: string | null }>(claimDueStepsSql(scope, now));
    });
    if (row?.ids) claimed.push(...row.ids.split(','));
  }
  return claimed;
}

/** What a business's claim statement needs: its default policy and the due dates any of its live steps can reach. */
export type ClaimScope = {
  businessId: string;
  today: string;
  grace: number;
  defaultPolicyId: string;
  /** The earliest and latest due dates with a step due today within the grace (null: the business has no steps). */
  from: string | null;
  to: string | null;
};

export function claimScopeSql(b: { id: string; today: string; grace: number }): SQL {
  return sql`
    SELECT ${b.id}::uuid AS "businessId", ${b.today} AS today, ${b.grace}::int AS grace,
      (SELECT id FROM dunning_policies WHERE business_id = ${b.id} AND is_default) AS "defaultPolicyId",
      to_char(${b.today}::date - max(s.offset_days) - ${b.grace}::int, 'YYYY-MM-DD') AS "from",
      to_char(${b.today}::date - min(s.offset_days), 'YYYY-MM-DD') AS "to"
    FROM dunning_policies p JOIN dunning_steps s ON s.policy_id = p.id AND s.archived_at IS NULL
    WHERE p.business_id = ${b.id}`;
}

/**
 * The claim statement for one business (exported for the bench's EXPLAIN); answers the claimed reminders' ids as
 * one comma-separated string (one row instead of one per claim: the client's cost stays flat at 100k claims).
 *
 * Its shape keeps the cost of a sweep over N invoices in proportion to N:
 * - `days` lists, per policy, each due date that has a step due today within the grace, with that step: step s
 *   is an invoice's latest due step exactly when s.offset <= days late < next offset, and it is within its grace
 *   when days late - s.offset <= grace. It has a few rows per step, so invoices find their step by a hash join on
 *   (due date, policy), not by comparing ranges;
 * - `i` reads the business's open invoices due within the window in one pass over the table (a sequential or
 *   bitmap scan, in the table's physical order: a range scan per step would revisit the same pages once per step,
 *   which stops fitting in the CPU's caches as the book grows). The window's bounds are constants of the
 *   statement, so the planner knows how many invoices it will read.
 */
export function claimDueStepsSql(scope: ClaimScope, now: Date): SQL {
  const today = sql`${scope.today}::date`;
  return sql`
    WITH st AS MATERIALIZED (
      SELECT s.id, s.policy_id, s.offset_days,
        lead(s.offset_days) OVER (PARTITION BY s.policy_id ORDER BY s.offset_days) AS next_offset
      FROM dunning_policies p
      JOIN dunning_steps s ON s.policy_id = p.id AND s.archived_at IS NULL
      WHERE p.business_id = ${scope.businessId}
    ),
    days AS MATERIALIZED (
      SELECT st.policy_id, st.id AS step_id, st.offset_days, d::date AS due_date
      FROM st CROSS JOIN LATERAL generate_series(${today} - st.offset_days - ${scope.grace}::int,
        ${today} - st.offset_days, interval '1 day') d
      WHERE st.next_offset IS NULL OR d::date > ${today} - st.next_offset
    ),
    i AS MATERIALIZED (
      -- Only the columns used below: the rows are kept in memory for the joins.
      SELECT i.id, i.customer_id, i.dunning_policy_id, i.status, i.due_date, i.total_minor, i.settled_minor
      FROM invoices i
      WHERE i.business_id = ${scope.businessId} AND i.status = 'open'
        AND i.due_date BETWEEN ${scope.from}::date AND ${scope.to}::date
    ),
    due AS (
      SELECT i.id AS invoice_id, days.step_id, i.due_date + days.offset_days AS scheduled_on
      FROM i
      JOIN customers c ON c.id = i.customer_id
      JOIN days ON days.due_date = i.due_date
        AND days.policy_id = COALESCE(i.dunning_policy_id, c.dunning_policy_id, ${scope.defaultPolicyId}::uuid)
      WHERE NOT EXISTS (SELECT 1 FROM reminders r WHERE r.invoice_id = i.id AND r.step_id = days.step_id)
        AND ${skipReasonSql(sql`i`, sql`${settledBalanceSql(sql`i`)}`, today)} IS NULL
    ),
    claimed AS (
      INSERT INTO reminders (invoice_id, step_id, status, scheduled_on, claimed_at)
      SELECT invoice_id, step_id, 'claimed', scheduled_on, ${now.toISOString()}::timestamptz
      FROM due
      ORDER BY invoice_id, step_id
      ON CONFLICT (invoice_id, step_id) DO NOTHING
      RETURNING id
    )
    SELECT string_agg(id::text, ',') AS ids FROM claimed`;
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
