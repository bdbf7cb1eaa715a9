import { eq } from 'drizzle-orm';
import { payments, statementPaymentAllocations, statementPayments } from '#db/schema/index';
import { mintStatementLink } from '~/modules/statements/statement-links.server';
import { db } from '~/utils/db.server';
import { createBusiness, createCustomer, createOverdueInvoice, type IssuedInvoice } from '../factories';

/** A customer with three open invoices, 40, 20 and 5 days late (oldest first), and a live statement link. */
export async function customerWithThreeInvoices(opts: { partialPaymentsAllowed?: boolean } = {}) {
  const businessId = (
    await createBusiness(
      opts.partialPaymentsAllowed === undefined
        ? {}
        : { partialPaymentsAllowed: opts.partialPaymentsAllowed },
    )
  ).id;
  const customerId = (await createCustomer(businessId)).id;
  const invoices: IssuedInvoice[] = [];
  for (const days of [40, 20, 5]) invoices.push(await createOverdueInvoice(days, { businessId, customerId }));
  const link = await mintStatementLink(db(), customerId);
  return { businessId, customerId, invoices, token: link.token, url: link.url };
}

export async function sharesOf(statementPaymentId: string) {
  return db().select().from(payments).where(eq(payments.statementPaymentId, statementPaymentId));
}

export async function statementPaymentByPi(paymentIntentId: string) {
  const [row] = await db()
    .select()
    .from(statementPayments)
    .where(eq(statementPayments.stripePaymentIntentId, paymentIntentId));
  if (!row) throw new Error(`no statement payment for ${paymentIntentId}`);
  const allocations = await db()
    .select()
    .from(statementPaymentAllocations)
    .where(eq(statementPaymentAllocations.statementPaymentId, row.id));
  return { ...row, allocations: allocations.sort((a, b) => a.position - b.position) };
}
