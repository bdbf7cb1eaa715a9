import type { business } from '#db/schema/index';
import type { Ledger } from '~/modules/invoices/invoice-balance.server';

export type PayableError = 'not_open' | 'nothing_due' | 'disputed' | 'processing';

/**
 * What the debtor may pay now: the balance less what is disputed and what is already on its way (a bank debit
 * processing). Null with the reason when nothing is payable.
 */
export function payableAmount(
  status: string,
  ledger: Ledger,
  disputedMinor: number,
): { ok: true; maxMinor: number } | { ok: false; error: PayableError } {
  if (status !== 'open') return { ok: false, error: 'not_open' };
  if (ledger.balanceMinor <= 0) return { ok: false, error: 'nothing_due' };
  const afterDisputes = ledger.balanceMinor - disputedMinor;
  if (afterDisputes <= 0) return { ok: false, error: 'disputed' };
  const maxMinor = afterDisputes - ledger.processingMinor;
  if (maxMinor <= 0) return { ok: false, error: 'processing' };
  return { ok: true, maxMinor };
}

export type AmountError = 'partial_not_allowed' | 'amount_too_small' | 'amount_too_large';

/** The amount to charge: the whole payable amount, or a partial one within the business's rules. */
export function chooseAmount(
  requestedMinor: number | null,
  maxMinor: number,
  settings: Pick<typeof business.$inferSelect, 'partialPaymentsAllowed' | 'minPartialPaymentMinor'>,
):
  | { ok: true; amountMinor: number }
  | { ok: false; error: AmountError; minMinor?: number; maxMinor?: number } {
  if (requestedMinor === null || requestedMinor === maxMinor) return { ok: true, amountMinor: maxMinor };
  if (!settings.partialPaymentsAllowed) return { ok: false, error: 'partial_not_allowed' };
  if (requestedMinor > maxMinor) return { ok: false, error: 'amount_too_large', maxMinor };
  const minMinor = Math.min(Math.max(settings.minPartialPaymentMinor, 100), maxMinor);
  if (requestedMinor < minMinor) return { ok: false, error: 'amount_too_small', minMinor };
  return { ok: true, amountMinor: requestedMinor };
}
