import { eq } from 'drizzle-orm';
import { acceptances, customers, invoices } from '#db/schema/index';
import type { DbOrTx } from '~/utils/db.server';
import { loadDisputeThread } from './load-dispute.server';

/** A dispute as the admin page shows it: the thread, its invoice and customer, and the signed letter beside it. */
export async function loadDisputeForAdmin(db: DbOrTx, businessId: string, disputeId: string) {
  const thread = await loadDisputeThread(db, { businessId }, disputeId);
  if (!thread) return null;
  const [row] = await db
    .select({
      number: invoices.number,
      currency: invoices.currency,
      status: invoices.status,
      customerName: customers.name,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(eq(invoices.id, thread.invoiceId));
  const [signed] = await db
    .select({
      id: acceptances.id,
      signedAt: acceptances.signedAt,
      signerName: acceptances.signerName,
      signerRole: acceptances.signerRole,
      sha256: acceptances.sha256,
    })
    .from(acceptances)
    .where(eq(acceptances.invoiceId, thread.invoiceId));
  return {
    thread,
    invoice: { id: thread.invoiceId, ...row! },
    acceptance: signed ? { ...signed, signedAt: signed.signedAt.toISOString() } : null,
  };
}
