import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { executePrepared } from '~/utils/db.server';
import { hashToken, isWellFormedToken } from '~/utils/tokens.server';
import { creditedMinorSql, paidMinorSql, processingMinorSql } from './balance.server';
import type { InvoiceView } from './types';

export type Visitor = { ip: string; userAgent: string | null };

const VISIT_MINUTES = 30;

/** A visit is one visitor (IP and browser) on one link within half an hour. */
function visitKey(visitor: Visitor, now: Date): string {
  const bucket = Math.floor(now.getTime() / (VISIT_MINUTES * 60_000));
  const who = createHash('sha256')
    .update(`${visitor.ip}|${visitor.userAgent ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return `${who}:${bucket}`;
}

/** The full view of an invoice as JSON, built by Postgres; `inv` names the invoice row in scope. */
export const invoiceViewJson = sql`json_build_object(
  'id', inv.id, 'businessId', inv.business_id, 'customerId', inv.customer_id, 'number', inv.number,
  'status', inv.status, 'currency', inv.currency, 'issueDate', inv.issue_date, 'dueDate', inv.due_date,
  'termsDays', inv.terms_days, 'purchaseOrder', inv.purchase_order, 'notes', inv.notes,
  'vatExemption', inv.vat_exemption,
  'subtotalMinor', inv.subtotal_minor, 'taxMinor', inv.tax_minor, 'totalMinor', inv.total_minor,
  'penaltyRateBps', inv.penalty_rate_bps, 'recoveryIndemnityMinor', inv.recovery_indemnity_minor,
  'seller', inv.seller, 'buyer', inv.buyer, 'paidAt', inv.paid_at, 'voidedAt', inv.voided_at,
  'lines', (SELECT COALESCE(json_agg(json_build_object('id', l.id, 'position', l.position,
      'description', l.description, 'quantityMilli', l.quantity_milli, 'unit', l.unit,
      'unitPriceMinor', l.unit_price_minor, 'taxRateBps', l.tax_rate_bps, 'lineTotalMinor', l.line_total_minor)
      ORDER BY l.position), '[]') FROM invoice_lines l WHERE l.invoice_id = inv.id),
  'business', (SELECT json_build_object('name', b.name, 'logoUrl', b.logo_url, 'iban', b.iban, 'bic', b.bic,
      'timeZone', b.time_zone, 'paymentTermsText', b.payment_terms_text, 'email', b.email, 'phone', b.phone,
      'partialPaymentsAllowed', b.partial_payments_allowed,
      'minPartialPaymentMinor', b.min_partial_payment_minor) FROM business b WHERE b.id = inv.business_id),
  'receipts', (SELECT COALESCE(json_agg(json_build_object('id', p.id, 'amountMinor', p.amount_minor,
      'receivedAt', COALESCE(p.succeeded_at, p.created_at)) ORDER BY p.succeeded_at), '[]')
      FROM payments p WHERE p.invoice_id = inv.id AND p.status = 'succeeded'),
  'paidMinor', ${paidMinorSql(sql`inv.id`)},
  'creditedMinor', ${creditedMinorSql(sql`inv.id`)},
  'processingMinor', ${processingMinorSql(sql`inv.id`)},
  'disputedMinor', (SELECT COALESCE(SUM(d.amount_minor), 0) FROM disputes d
      WHERE d.invoice_id = inv.id AND d.status IN ('waiting_for_us', 'waiting_for_them')),
  'promisedDate', (SELECT p.promised_date FROM promises p WHERE p.invoice_id = inv.id AND p.status = 'active'),
  'plan', (SELECT json_build_object('nextDueDate', n.due_date, 'nextAmountMinor', n.amount_minor,
        'paidCount', (SELECT count(*) FROM installments i WHERE i.plan_id = pp.id AND i.status = 'paid'),
        'partCount', (SELECT count(*) FROM installments i WHERE i.plan_id = pp.id))
      FROM payment_plans pp LEFT JOIN LATERAL (SELECT due_date, amount_minor FROM installments i
        WHERE i.plan_id = pp.id AND i.status IN ('scheduled', 'failed') ORDER BY i.seq LIMIT 1) n ON true
      WHERE pp.invoice_id = inv.id AND pp.status = 'active'),
  'acceptanceRequired', inv.acceptance_required, 'acceptanceRequestedAt', inv.acceptance_requested_at,
  'deliveryDate', inv.delivery_date,
  'acceptance', (SELECT json_build_object('signedAt', a.signed_at, 'signerName', a.signer_name,
      'signerRole', a.signer_role, 'sha256', a.sha256) FROM acceptances a WHERE a.invoice_id = inv.id),
  'dispute', (SELECT json_build_object('id', d.id, 'status', d.status, 'amountMinor', d.amount_minor)
      FROM disputes d WHERE d.invoice_id = inv.id ORDER BY d.opened_at DESC LIMIT 1),
  'arrangements', (SELECT json_build_object(
        'plans', jsonb_array_length(b.installment_offers) > 0 AND c.credit_policy <> 'prepay_only'
          AND c.installments_allowed,
        'promises', b.promise_max_days > 0)
      FROM business b, customers c WHERE b.id = inv.business_id AND c.id = inv.customer_id)
)`;

export function withBalance(raw: Omit<InvoiceView, 'balanceMinor'>): InvoiceView {
  const balanceMinor = Math.max(0, raw.totalMinor - raw.paidMinor - raw.creditedMinor);
  return { ...raw, balanceMinor };
}

/**
 * Resolves a debtor link to its invoice in one round trip, and records the "viewed" event in the same statement
 * (at most once per visit; nothing else is written). A prepared statement: this is the hottest path there is. Unknown, malformed, expired and revoked tokens and draft
 * invoices (unless their acceptance letter was asked for) all give null, so the caller answers them with the same 404.
 */
export async function loadInvoiceByToken(
  token: string,
  visitor: Visitor,
  now = new Date(),
): Promise<{ view: InvoiceView; linkId: string } | null> {
  if (!isWellFormedToken(token)) return null;
  const rows = await executePrepared<{ view: Omit<InvoiceView, 'balanceMinor'>; link_id: string }>(sql`
    WITH link AS (
      SELECT l.id AS link_id, l.invoice_id FROM invoice_links l
      WHERE l.token_hash = ${hashToken(token)} AND l.revoked_at IS NULL AND l.expires_at > now()
    ), inv AS (
      SELECT i.* FROM invoices i JOIN link ON link.invoice_id = i.id
      -- A draft is reachable only once the business asked for its acceptance letter (signed before issuing).
      WHERE i.status <> 'draft' OR i.acceptance_requested_at IS NOT NULL
    ), viewed AS (
      INSERT INTO events (business_id, invoice_id, customer_id, type, actor_type, ip, user_agent, data, dedupe_key)
      SELECT inv.business_id, inv.id, inv.customer_id, 'invoice.viewed', 'debtor', ${visitor.ip},
        ${visitor.userAgent?.slice(0, 512) ?? null}, json_build_object('linkId', link.link_id)::jsonb,
        'viewed:' || link.link_id || ':' || ${visitKey(visitor, now)}
      FROM inv, link
      ON CONFLICT (dedupe_key) DO NOTHING
    )
    SELECT ${invoiceViewJson} AS view, link.link_id FROM inv, link`);
  const row = rows[0];
  return row ? { view: withBalance(row.view), linkId: row.link_id } : null;
}
