import { sql } from 'drizzle-orm';
import type { Tx } from '~/utils/db.server';
import { ensureDefaultPolicy } from './ensure-default-policy.server';

/**
 * "The ladder resumes one step firmer" after a broken promise or a defaulted plan. The rule, in full:
 *
 * 1. The firmer step is the first live step of the invoice's policy whose offset is greater than that of the last
 *    step actually *sent* for the invoice (if none was sent, greater than 0: the first step after the due date,
 *    never a "before the due date" courtesy note).
 * 2. It is never gentler than the calendar: if the ladder's calendar has already reached a later step (the latest
 *    step whose date, due date + offset, is today or earlier), that step is taken instead.
 * 3. A step that already has a reminder row (sent, claimed, or skipped while the pause lasted) is passed over for
 *    the next one: a step is sent at most once per invoice.
 * 4. The step is claimed now (scheduled today), so the next sweep inside the business's sending window hands it
 *    out (stale claims are re-queued after STALE_CLAIM_MINUTES) and sendReminder sends it, with every skip rule
 *    checked again at that moment. Later steps then follow their usual dates; a step older than the resumed one
 *    is never sent after it (sendReminder's `superseded`).
 * 5. No firmer step left (the last rung was already sent): nothing is claimed; the call task the caller creates
 *    is the escalation.
 *
 * Returns the claimed step's offset, or null. Run it in the transaction that breaks the promise or ends the plan;
 * the claim is `ON CONFLICT DO NOTHING`, so running it twice claims once.
 */
export async function resumeLadderFirmer(
  tx: Tx,
  input: { invoiceId: string; today: string; now: Date },
): Promise<number | null> {
  const [owner] = await tx.execute<{ business_id: string }>(
    sql`SELECT business_id FROM invoices WHERE id = ${input.invoiceId}`,
  );
  if (!owner) return null;
  await ensureDefaultPolicy(tx, owner.business_id);
  const rows = await tx.execute<{ offset_days: number }>(sql`
    WITH inv AS (
      SELECT i.id, i.due_date, COALESCE(i.dunning_policy_id, c.dunning_policy_id,
        (SELECT dp.id FROM dunning_policies dp WHERE dp.business_id = i.business_id AND dp.is_default)) AS policy_id
      FROM invoices i JOIN customers c ON c.id = i.customer_id
      WHERE i.id = ${input.invoiceId} AND i.status = 'open'
    ), steps AS (
      SELECT s.id, s.offset_days FROM dunning_steps s JOIN inv ON s.policy_id = inv.policy_id
      WHERE s.archived_at IS NULL
    ), floor AS (
      SELECT GREATEST(
        COALESCE((SELECT MAX(s.offset_days) FROM reminders r JOIN dunning_steps s ON s.id = r.step_id
          WHERE r.invoice_id = ${input.invoiceId} AND r.status = 'sent'), 0) + 1,
        COALESCE((SELECT MAX(st.offset_days) FROM steps st, inv
          WHERE inv.due_date + st.offset_days <= ${input.today}::date), -1000)
      ) AS min_offset
    ), chosen AS (
      SELECT st.id, st.offset_days FROM steps st, floor
      WHERE st.offset_days >= floor.min_offset
        AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.invoice_id = ${input.invoiceId} AND r.step_id = st.id)
      ORDER BY st.offset_days LIMIT 1
    )
    INSERT INTO reminders (invoice_id, step_id, status, scheduled_on, claimed_at)
    SELECT ${input.invoiceId}, chosen.id, 'claimed', ${input.today}::date, ${input.now.toISOString()}::timestamptz
    FROM chosen
    ON CONFLICT (invoice_id, step_id) DO NOTHING
    RETURNING (SELECT offset_days FROM chosen) AS offset_days`);
  return rows[0]?.offset_days ?? null;
}
