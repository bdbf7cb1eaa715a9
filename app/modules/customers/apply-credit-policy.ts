import { adminCustomerForm } from '~/i18n/admin-customer-form';
import type { DraftInvoiceInput } from '~/modules/invoices/create-draft-invoice.server';
import { lineTotal } from '~/modules/invoices/totals';
import { isLocale, translator } from '~/utils/i18n';
import { roundDiv } from '~/utils/money';
import type { CreditPolicy } from './credit-policies';

export type PlannedDraft = { role: 'invoice' | 'deposit' | 'balance'; invoice: DraftInvoiceInput };

/**
 * What a new invoice becomes under the customer's credit policy:
 * - standard: the invoice as entered;
 * - prepay_only: the invoice as entered, due on its issue date (no credit);
 * - deposit_required: two invoices. A deposit invoice for `percent` % of each line, due on the issue date, and a
 *   balance invoice for the rest of each line on the usual terms. A separate invoice (a facture d'acompte) rather
 *   than "a first part due at once" because an invoice here has one due date, which the ladder, the aging report and
 *   the debtor page all read; the deposit gets its own number, link and reminders, and the two add up exactly to
 *   the lines entered (each line is split in minor units, the deposit part rounded half up). Both parts are one
 *   line per line entered, quantity 1, so each stays a plain, exact invoice.
 */
export function applyCreditPolicy(
  invoice: DraftInvoiceInput,
  policy: { creditPolicy: CreditPolicy; depositPercent: number; locale: string },
): PlannedDraft[] {
  if (policy.creditPolicy === 'standard') return [{ role: 'invoice', invoice }];
  if (policy.creditPolicy === 'prepay_only')
    return [{ role: 'invoice', invoice: { ...invoice, dueDate: invoice.issueDate } }];
  const t = translator(isLocale(policy.locale) ? policy.locale : 'fr', adminCustomerForm);
  const percent = policy.depositPercent;
  const split = invoice.lines.map((line) => {
    const total = lineTotal(line);
    const deposit = Number(roundDiv(BigInt(total) * BigInt(percent), 100n));
    return { line, deposit, rest: total - deposit };
  });
  const part = (amount: (s: (typeof split)[number]) => number, describe: (d: string) => string) =>
    split
      .filter((s) => amount(s) > 0)
      .map((s) => ({
        description: describe(s.line.description),
        quantityMilli: 1000,
        unit: null,
        unitPriceMinor: amount(s),
        taxRateBps: s.line.taxRateBps,
      }));
  const depositLines = part(
    (s) => s.deposit,
    (description) => t('deposit.line', { percent, description }),
  );
  const balanceLines = part(
    (s) => s.rest,
    (description) => t('balance.line', { percent, description }),
  );
  if (!depositLines.length || !balanceLines.length) return [{ role: 'invoice', invoice }];
  const note = (key: string) => [t(key, { percent }), invoice.notes].filter(Boolean).join('\n');
  return [
    {
      role: 'deposit',
      invoice: {
        ...invoice,
        dueDate: invoice.issueDate,
        notes: note('deposit.notes'),
        lines: depositLines,
        // The letter certifies a delivery: it belongs with the balance, not with the deposit paid before it.
        acceptanceRequired: false,
      },
    },
    { role: 'balance', invoice: { ...invoice, notes: note('balance.notes'), lines: balanceLines } },
  ];
}
