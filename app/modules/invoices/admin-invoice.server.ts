import { and, eq, sql } from 'drizzle-orm';
import { business, customers, invoices } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { invoiceViewJson } from './load-invoice-by-token.server';
import { buyerSnapshot, sellerSnapshot } from './parties.server';
import type { InvoiceView, PartySnapshot } from './types';

export type AdminInvoice = {
  view: Omit<InvoiceView, 'number'> & { number: string | null };
  customerName: string;
  acceptanceRequired: boolean;
  liveLinks: number;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One invoice of the business as the admin page shows it, or null (also for an id that is not even a UUID, so
 * junk in the URL is a 404, not a database error). A draft has no frozen parties yet: it shows the current ones.
 */
export async function loadInvoiceForAdmin(
  db: DbOrTx,
  businessId: string,
  invoiceId: string,
): Promise<AdminInvoice | null> {
  if (!GUID.test(invoiceId)) return null;
  const rows = await db.execute<{
    view: Omit<InvoiceView, 'balanceMinor' | 'number' | 'seller' | 'buyer'> & {
      number: string | null;
      seller: PartySnapshot | null;
      buyer: PartySnapshot | null;
    };
    customer_name: string;
    acceptance_required: boolean;
    live_links: number;
  }>(sql`
    SELECT ${invoiceViewJson} AS view, c.name AS customer_name, inv.acceptance_required,
      (SELECT count(*)::int FROM invoice_links l
        WHERE l.invoice_id = inv.id AND l.revoked_at IS NULL AND l.expires_at > now()) AS live_links
    FROM invoices inv JOIN customers c ON c.id = inv.customer_id
    WHERE inv.id = ${invoiceId}::uuid AND inv.business_id = ${businessId}::uuid`);
  const row = rows[0];
  if (!row) return null;
  let { seller, buyer } = row.view;
  if (!seller || !buyer) {
    const [b] = await db.select().from(business).where(eq(business.id, businessId));
    const [c] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.id, row.view.customerId), eq(customers.businessId, businessId)));
    seller ??= sellerSnapshot(b!);
    buyer ??= buyerSnapshot(c!);
  }
  const balanceMinor = Math.max(0, row.view.totalMinor - row.view.paidMinor - row.view.creditedMinor);
  return {
    view: { ...row.view, seller, buyer, balanceMinor },
    customerName: row.customer_name,
    acceptanceRequired: row.acceptance_required,
    liveLinks: Number(row.live_links),
  };
}

/** The few facts an action needs before acting on an invoice, only if it belongs to the business. */
export async function findInvoiceForBusiness(db: DbOrTx, businessId: string, invoiceId: string) {
  if (!GUID.test(invoiceId)) return null;
  const [row] = await db
    .select({ id: invoices.id, status: invoices.status, currency: invoices.currency })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.businessId, businessId)));
  return row ?? null;
}
