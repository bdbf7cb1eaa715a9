import { and, count, eq, inArray } from 'drizzle-orm';
import { business, paymentPlans, promises } from '#db/schema/index';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import { invoiceLedger, lockInvoice } from '~/modules/invoices/invoice-balance.server';
import type { Db, Tx } from '~/utils/db.server';

export type PromiseReason = 'cash_flow' | 'awaiting_approval' | 'invoice_not_received' | 'other';
export type MakePromiseError = 'not_found' | 'not_open' | 'on_plan' | 'promise_exists' | 'promise_limit';

export type MakePromiseInput = {
  invoiceId: string;
  /** Checked against the invoice when staff record it (their session's business). */
  businessId?: string;
  promisedDate: string;
  amountMinor: number | null;
  reason: PromiseReason | null;
  note: string | null;
  source: 'debtor' | 'staff';
  actor: Actor;
};

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/**
 * Records a promise to pay, which pauses the reminder ladder until the day after its date (skip-rules). One active
 * promise per invoice (a unique index backs the check: two tabs at once make one), none on an invoice being paid
 * by plan, and at most the business's `promise_max_per_invoice` from the debtor (staff, negotiating on the phone,
 * may record more). The date and amount are validated by the form (promise-form.server.ts) before this runs.
 */
export async function makePromise(
  db: Db,
  input: MakePromiseInput,
): Promise<{ ok: true; promiseId: string } | { ok: false; error: MakePromiseError; max?: number }> {
  try {
    return await db.transaction((tx) => make(tx, input));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'promise_exists' };
    throw error;
  }
}

async function make(tx: Tx, input: MakePromiseInput) {
  // The invoice row lock serialises this with payments, plans and another promise on the same invoice.
  const invoice = await lockInvoice(tx, input.invoiceId, input.businessId);
  if (!invoice) return { ok: false as const, error: 'not_found' as const };
  const ledger = await invoiceLedger(tx, invoice.id);
  if (invoice.status !== 'open' || !ledger || ledger.balanceMinor <= 0) {
    return { ok: false as const, error: 'not_open' as const };
  }
  const [plan] = await tx
    .select({ id: paymentPlans.id })
    .from(paymentPlans)
    .where(and(eq(paymentPlans.invoiceId, invoice.id), inArray(paymentPlans.status, ['pending', 'active'])));
  if (plan) return { ok: false as const, error: 'on_plan' as const };
  const [active] = await tx
    .select({ id: promises.id })
    .from(promises)
    .where(and(eq(promises.invoiceId, invoice.id), eq(promises.status, 'active')));
  if (active) return { ok: false as const, error: 'promise_exists' as const };
  if (input.source === 'debtor') {
    const [settings] = await tx
      .select({ max: business.promiseMaxPerInvoice })
      .from(business)
      .where(eq(business.id, invoice.businessId));
    const [made] = await tx
      .select({ n: count() })
      .from(promises)
      .where(and(eq(promises.invoiceId, invoice.id), eq(promises.source, 'debtor')));
    if ((made?.n ?? 0) >= settings!.max) {
      return { ok: false as const, error: 'promise_limit' as const, max: settings!.max };
    }
  }
  const [row] = await tx
    .insert(promises)
    .values({
      invoiceId: invoice.id,
      promisedDate: input.promisedDate,
      amountMinor: input.amountMinor,
      reason: input.reason,
      note: input.note,
      source: input.source,
      recordedBy: input.actor.type === 'user' ? input.actor.id : null,
    })
    .returning({ id: promises.id });
  await recordEvent(tx, {
    businessId: invoice.businessId,
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    type: 'promise.recorded',
    actor: input.actor,
    data: {
      promiseId: row!.id,
      promisedDate: input.promisedDate,
      amountMinor: input.amountMinor,
      reason: input.reason,
      source: input.source,
    },
  });
  return { ok: true as const, promiseId: row!.id };
}
