import { minorDigits, parseDecimal } from '~/utils/money';
import { allocate, type Share } from './allocate';

/** What the debtor asked to pay, as the form sent it (nothing about amounts is trusted beyond this). */
export type PaymentRequestInput = { currency: string; invoiceIds: string[]; amount: string };

export type PaymentRequestError =
  | { field: 'currency'; code: 'currency_invalid' }
  | { field: 'invoices'; code: 'nothing_selected' | 'invoice_unknown' }
  | {
      field: 'amount';
      code:
        | 'amount_invalid'
        | 'amount_zero'
        | 'amount_negative'
        | 'amount_too_large'
        | 'amount_too_small'
        | 'partial_not_allowed';
    };

type Payable = { id: string; number: string; currency: string; dueDate: string; payableMinor: number };

/** The smallest amount a statement payment may be (Stripe's own minimum is about this). */
export const MIN_STATEMENT_MINOR = 100;

/**
 * Turns the form into the shares to pay, or says which field is wrong. Only the customer's own payable invoices
 * in that currency can be named; an amount (optional) must be positive, well formed, and at most what the ticked
 * invoices (all payable ones when none is ticked) owe; it is applied oldest due first. A business that takes no
 * partial payments accepts only amounts that settle whole invoices.
 */
export function planStatementPayment(
  input: PaymentRequestInput,
  invoices: readonly Payable[],
  opts: { partialPaymentsAllowed: boolean },
):
  | { ok: true; currency: string; amountMinor: number; shares: Share[] }
  | ({ ok: false } & PaymentRequestError) {
  const currency = input.currency.trim().toUpperCase();
  const inCurrency = invoices.filter((i) => i.currency === currency && i.payableMinor > 0);
  if (!/^[A-Z]{3}$/.test(currency) || !inCurrency.length)
    return { ok: false, field: 'currency', code: 'currency_invalid' };
  const byId = new Map(inCurrency.map((i) => [i.id, i]));
  const ids = [...new Set(input.invoiceIds)];
  if (ids.some((id) => !byId.has(id))) return { ok: false, field: 'invoices', code: 'invoice_unknown' };
  const amountText = input.amount.trim();
  if (!ids.length && !amountText) return { ok: false, field: 'invoices', code: 'nothing_selected' };
  const chosen = ids.length ? ids.map((id) => byId.get(id)!) : inCurrency;
  const candidates = chosen.map((i) => ({
    invoiceId: i.id,
    dueDate: i.dueDate,
    number: i.number,
    balanceMinor: i.payableMinor,
    disputedMinor: 0,
  }));
  const owed = candidates.reduce((sum, c) => sum + c.balanceMinor, 0);

  let amountMinor = owed;
  if (amountText) {
    const parsed = parseDecimal(amountText, minorDigits(currency));
    if (parsed === null) return { ok: false, field: 'amount', code: 'amount_invalid' };
    if (parsed === 0) return { ok: false, field: 'amount', code: 'amount_zero' };
    if (parsed < 0) return { ok: false, field: 'amount', code: 'amount_negative' };
    if (parsed > owed) return { ok: false, field: 'amount', code: 'amount_too_large' };
    amountMinor = parsed;
  }
  if (amountMinor < Math.min(MIN_STATEMENT_MINOR, owed))
    return { ok: false, field: 'amount', code: 'amount_too_small' };
  const { shares } = allocate(amountMinor, candidates);
  if (!opts.partialPaymentsAllowed && shares.some((s) => s.amountMinor < byId.get(s.invoiceId)!.payableMinor))
    return { ok: false, field: 'amount', code: 'partial_not_allowed' };
  return { ok: true, currency, amountMinor, shares };
}
