import { sql } from 'drizzle-orm';
import { localInstant } from '~/modules/dunning/business-calendar';
import type { DbOrTx } from '~/utils/db.server';
import { monthStartBefore } from './dashboard.server';

export const COLLECTIONS_LIMIT = 500;

export type CollectionRow = {
  kind: 'payment' | 'refund';
  id: string;
  /** The instant the money came in (payment) or went back (refund). */
  at: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  customerName: string;
  method: string | null;
  /** Negative for a refund. */
  amountMinor: number;
};

/** `YYYY-MM`, or null. */
export function parseMonth(value: string | null): string | null {
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null;
}

/**
 * What the dashboard's "collected" figures add up: one month's succeeded payments (business zone) and the refunds
 * made that month, in one currency, newest first (at most COLLECTIONS_LIMIT rows), with the net.
 */
export async function listCollections(
  db: DbOrTx,
  input: { businessId: string; timeZone: string; month: string; currency: string },
) {
  const from = localInstant(`${input.month}-01`, 0, 0, input.timeZone).toISOString();
  const to = localInstant(monthStartBefore(`${input.month}-01`, -1), 0, 0, input.timeZone).toISOString();
  const rows = await db.execute<{
    kind: 'payment' | 'refund';
    id: string;
    at: Date | string;
    invoice_id: string | null;
    number: string | null;
    customer_name: string;
    method: string | null;
    amount: string;
  }>(sql`
    SELECT * FROM (
      SELECT 'payment' AS kind, p.id, p.succeeded_at AS at, p.invoice_id, i.number, c.name AS customer_name,
        p.method::text AS method, p.amount_minor AS amount
      FROM payments p JOIN customers c ON c.id = p.customer_id LEFT JOIN invoices i ON i.id = p.invoice_id
      WHERE p.business_id = ${input.businessId}::uuid AND p.status = 'succeeded' AND p.currency = ${input.currency}
        AND p.succeeded_at >= ${from}::timestamptz AND p.succeeded_at < ${to}::timestamptz
      UNION ALL
      SELECT 'refund', r.id, r.created_at, p.invoice_id, i.number, c.name, p.method::text, -r.amount_minor
      FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN customers c ON c.id = p.customer_id
        LEFT JOIN invoices i ON i.id = p.invoice_id
      WHERE p.business_id = ${input.businessId}::uuid AND r.status IN ('pending', 'succeeded')
        AND p.currency = ${input.currency}
        AND r.created_at >= ${from}::timestamptz AND r.created_at < ${to}::timestamptz
    ) x ORDER BY at DESC, id LIMIT ${COLLECTIONS_LIMIT + 1}`);
  const [sum] = await db.execute<{ net: string; n: number }>(sql`
    SELECT COALESCE((SELECT SUM(amount_minor) FROM payments WHERE business_id = ${input.businessId}::uuid
        AND status = 'succeeded' AND currency = ${input.currency}
        AND succeeded_at >= ${from}::timestamptz AND succeeded_at < ${to}::timestamptz), 0)
      - COALESCE((SELECT SUM(r.amount_minor) FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE p.business_id = ${input.businessId}::uuid AND p.currency = ${input.currency}
          AND r.status IN ('pending', 'succeeded')
          AND r.created_at >= ${from}::timestamptz AND r.created_at < ${to}::timestamptz), 0) AS net`);
  return {
    netMinor: Number(sum?.net ?? 0),
    truncated: rows.length > COLLECTIONS_LIMIT,
    rows: rows.slice(0, COLLECTIONS_LIMIT).map((r): CollectionRow => ({
      kind: r.kind,
      id: r.id,
      at: new Date(r.at).toISOString(),
      invoiceId: r.invoice_id,
      invoiceNumber: r.number,
      customerName: r.customer_name,
      method: r.method,
      amountMinor: Number(r.amount),
    })),
  };
}
