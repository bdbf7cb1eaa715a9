import { sql, type SQL } from 'drizzle-orm';

/**
 * The ledger, derived from its rows: what was really received for an invoice (succeeded payments, less
 * refunds and lost chargebacks) and what was credited. `invoiceId` is an SQL expression, so these compose
 * into set-based queries. The same sums are kept per invoice in invoices.settled_minor by triggers (migration
 * reports_dashboard) for the reports: change both together (app/modules/reports/dashboard.server.test.ts checks).
 */
export function paidMinorSql(invoiceId: SQL): SQL {
  return sql`(SELECT COALESCE(SUM(p.amount_minor - p.chargeback_amount_minor - COALESCE(
      (SELECT SUM(r.amount_minor) FROM refunds r WHERE r.payment_id = p.id AND r.status IN ('pending', 'succeeded')), 0)), 0)
    FROM payments p WHERE p.invoice_id = ${invoiceId} AND p.status = 'succeeded')`;
}

export function creditedMinorSql(invoiceId: SQL): SQL {
  return sql`(SELECT COALESCE(SUM(c.amount_minor), 0) FROM credit_notes c WHERE c.invoice_id = ${invoiceId})`;
}

export function processingMinorSql(invoiceId: SQL): SQL {
  return sql`(SELECT COALESCE(SUM(p.amount_minor), 0) FROM payments p
    WHERE p.invoice_id = ${invoiceId} AND p.status = 'processing')`;
}
