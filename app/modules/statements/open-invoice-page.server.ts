import { and, eq, inArray } from 'drizzle-orm';
import { invoices } from '#db/schema/index';
import { isUuid } from '~/modules/dunning/ids';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import { db } from '~/utils/db.server';

/** A fresh link to one of the customer's issued invoices (never another customer's), or null. */
export async function openInvoicePage(customerId: string, invoiceId: string): Promise<string | null> {
  if (!isUuid(invoiceId)) return null;
  const [invoice] = await db()
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(
        eq(invoices.id, invoiceId),
        eq(invoices.customerId, customerId),
        inArray(invoices.status, ['open', 'paid', 'uncollectible']),
      ),
    );
  if (!invoice) return null;
  return (await mintInvoiceLink(db(), invoice.id, { ttlDays: 7 })).url;
}
