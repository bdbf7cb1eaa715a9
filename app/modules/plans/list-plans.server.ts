import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/utils/db.server';

export type PlanRow = {
  id: string;
  invoiceId: string;
  number: string;
  customer: string;
  currency: string;
  status: 'pending' | 'active' | 'completed' | 'defaulted' | 'cancelled';
  totalMinor: number;
  paid: number;
  parts: number;
  nextDueDate: string | null;
};

export type PromiseRow = {
  id: string;
  invoiceId: string;
  number: string;
  customer: string;
  currency: string;
  promisedDate: string;
  amountMinor: number | null;
  status: 'active' | 'kept' | 'broken' | 'cancelled';
  source: 'debtor' | 'staff';
};

/** The business's plans (live ones first, then the latest) and promises, for the admin's list. */
export async function listPlansAndPromises(db: DbOrTx, businessId: string, limit = 100) {
  const plans = await db.execute<PlanRow>(sql`
    SELECT pp.id, i.id AS "invoiceId", i.number, c.name AS customer, i.currency, pp.status,
      pp.total_minor::float8 AS "totalMinor",
      (SELECT count(*)::int FROM installments x WHERE x.plan_id = pp.id AND x.status = 'paid') AS paid,
      (SELECT count(*)::int FROM installments x WHERE x.plan_id = pp.id) AS parts,
      (SELECT to_char(min(x.due_date), 'YYYY-MM-DD') FROM installments x
        WHERE x.plan_id = pp.id AND x.status IN ('scheduled', 'failed')) AS "nextDueDate"
    FROM payment_plans pp
    JOIN invoices i ON i.id = pp.invoice_id
    JOIN customers c ON c.id = i.customer_id
    WHERE i.business_id = ${businessId}
    ORDER BY pp.status IN ('pending', 'active') DESC, pp.created_at DESC
    LIMIT ${limit}`);
  const promises = await db.execute<PromiseRow>(sql`
    SELECT p.id, i.id AS "invoiceId", i.number, c.name AS customer, i.currency,
      to_char(p.promised_date, 'YYYY-MM-DD') AS "promisedDate", p.amount_minor::float8 AS "amountMinor",
      p.status, p.source
    FROM promises p
    JOIN invoices i ON i.id = p.invoice_id
    JOIN customers c ON c.id = i.customer_id
    WHERE i.business_id = ${businessId}
    ORDER BY p.status = 'active' DESC, p.promised_date DESC
    LIMIT ${limit}`);
  return { plans: [...plans], promises: [...promises] };
}
