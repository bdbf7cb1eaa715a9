import { sql } from 'drizzle-orm';
import type { DbOrTx } from '~/utils/db.server';
import { DISPUTE_FILTERS, type DisputeFilter, type DisputeReason } from './reasons';

export type DisputeRow = {
  id: string;
  invoiceId: string;
  invoiceNumber: string | null;
  customerName: string;
  reason: DisputeReason;
  status: 'waiting_for_us' | 'waiting_for_them' | 'accepted' | 'rejected';
  scope: 'invoice' | 'lines';
  amountMinor: number;
  currency: string;
  openedAt: string;
  resolvedAt: string | null;
  lastMessageAt: string | null;
  messages: number;
  acceptance: { id: string; signedAt: string; signerName: string } | null;
  creditNoteNumber: string | null;
};

export function parseDisputeFilter(params: URLSearchParams): DisputeFilter {
  const value = params.get('filter');
  return DISPUTE_FILTERS.find((f) => f === value) ?? 'open';
}

const STATUSES: Record<DisputeFilter, string[]> = {
  open: ['waiting_for_us', 'waiting_for_them'],
  waiting_for_us: ['waiting_for_us'],
  waiting_for_them: ['waiting_for_them'],
  resolved: ['accepted', 'rejected'],
};

/** The disputes inbox: one filter's disputes, oldest first, with the signed letter (if any) and counts per filter. */
export async function listDisputes(db: DbOrTx, businessId: string, filter: DisputeFilter) {
  const statuses = STATUSES[filter];
  const rows = await db.execute<{
    id: string;
    invoice_id: string;
    number: string | null;
    customer_name: string;
    reason: DisputeReason;
    status: DisputeRow['status'];
    scope: DisputeRow['scope'];
    amount_minor: string;
    currency: string;
    opened_at: Date;
    resolved_at: Date | null;
    last_message_at: Date | null;
    messages: number;
    acceptance_id: string | null;
    signed_at: Date | null;
    signer_name: string | null;
    credit_note: string | null;
  }>(sql`
    SELECT d.id, d.invoice_id, i.number, c.name AS customer_name, d.reason, d.status, d.scope, d.amount_minor,
      i.currency, d.opened_at, d.resolved_at,
      (SELECT max(m.created_at) FROM dispute_messages m WHERE m.dispute_id = d.id) AS last_message_at,
      (SELECT count(*)::int FROM dispute_messages m WHERE m.dispute_id = d.id) AS messages,
      a.id AS acceptance_id, a.signed_at, a.signer_name,
      (SELECT cn.number FROM credit_notes cn WHERE cn.dispute_id = d.id) AS credit_note
    FROM disputes d
    JOIN invoices i ON i.id = d.invoice_id
    JOIN customers c ON c.id = i.customer_id
    LEFT JOIN acceptances a ON a.invoice_id = i.id
    WHERE i.business_id = ${businessId}::uuid
      AND d.status::text IN (${sql.join(
        statuses.map((s) => sql`${s}`),
        sql`, `,
      )})
    ORDER BY d.opened_at, d.id
    LIMIT 200`);
  const counts = await db.execute<{ status: string; n: number }>(sql`
    SELECT d.status::text AS status, count(*)::int AS n FROM disputes d JOIN invoices i ON i.id = d.invoice_id
    WHERE i.business_id = ${businessId}::uuid GROUP BY d.status`);
  const by = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    rows: rows.map((r): DisputeRow => ({
      id: r.id,
      invoiceId: r.invoice_id,
      invoiceNumber: r.number,
      customerName: r.customer_name,
      reason: r.reason,
      status: r.status,
      scope: r.scope,
      amountMinor: Number(r.amount_minor),
      currency: r.currency,
      openedAt: iso(r.opened_at)!,
      resolvedAt: iso(r.resolved_at),
      lastMessageAt: iso(r.last_message_at),
      messages: r.messages,
      acceptance: r.acceptance_id
        ? { id: r.acceptance_id, signedAt: iso(r.signed_at)!, signerName: r.signer_name ?? '' }
        : null,
      creditNoteNumber: r.credit_note,
    })),
    counts: {
      open: by('waiting_for_us') + by('waiting_for_them'),
      waiting_for_us: by('waiting_for_us'),
      waiting_for_them: by('waiting_for_them'),
      resolved: by('accepted') + by('rejected'),
    } satisfies Record<DisputeFilter, number>,
  };
}
