import { daysBetween } from '~/utils/dates';
import type { InvoiceView } from './types';

export type DebtorStatus =
  | { kind: 'paid' }
  | { kind: 'void' }
  | { kind: 'written_off' }
  | { kind: 'processing'; amountMinor: number }
  | { kind: 'disputed' }
  | { kind: 'plan'; nextDueDate: string | null; nextAmountMinor: number | null }
  | { kind: 'promised'; date: string }
  | { kind: 'due_in'; days: number }
  | { kind: 'due_today' }
  | { kind: 'late'; days: number };

/** The one plain sentence at the top of the debtor page; `today` is a date in the business's time zone. */
export function debtorStatus(view: InvoiceView, today: string): DebtorStatus {
  if (view.status === 'void') return { kind: 'void' };
  if (view.status === 'paid' || view.balanceMinor <= 0) return { kind: 'paid' };
  if (view.status === 'uncollectible') return { kind: 'written_off' };
  if (view.processingMinor > 0 && view.processingMinor >= view.balanceMinor) {
    return { kind: 'processing', amountMinor: view.processingMinor };
  }
  if (view.disputedMinor > 0 && view.disputedMinor >= view.balanceMinor) return { kind: 'disputed' };
  if (view.plan) return { kind: 'plan', ...view.plan };
  if (view.promisedDate && view.promisedDate >= today) return { kind: 'promised', date: view.promisedDate };
  const days = daysBetween(today, view.dueDate);
  if (days > 0) return { kind: 'due_in', days };
  if (days === 0) return { kind: 'due_today' };
  return { kind: 'late', days: -days };
}
