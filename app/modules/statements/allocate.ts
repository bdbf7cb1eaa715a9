/** An open invoice as allocation sees it. */
export type Allocatable = {
  invoiceId: string;
  dueDate: string;
  /** Tie-break for invoices due the same day: the older number first. */
  number: string;
  balanceMinor: number;
  /** Disputed amounts are never paid through a statement: the dispute decides them. */
  disputedMinor: number;
};

export type Share = { invoiceId: string; amountMinor: number };

/** What may be allocated to an invoice: its balance less what is disputed. */
export function allocatableMinor(invoice: Pick<Allocatable, 'balanceMinor' | 'disputedMinor'>): number {
  return Math.max(0, invoice.balanceMinor - Math.max(0, invoice.disputedMinor));
}

export function oldestDueFirst<T extends Pick<Allocatable, 'dueDate' | 'number' | 'invoiceId'>>(
  invoices: readonly T[],
): T[] {
  return [...invoices].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.number.localeCompare(b.number) ||
      a.invoiceId.localeCompare(b.invoiceId),
  );
}

/**
 * Splits a payment over invoices, oldest due first: each invoice gets what may be allocated to it (never more),
 * until the amount runs out, so an amount that covers part of an invoice leaves that one (the newest served)
 * partly paid. Shares are never zero. `unallocatedMinor` is what is left when the amount exceeds every share.
 */
export function allocate(
  amountMinor: number,
  invoices: readonly Allocatable[],
): { shares: Share[]; unallocatedMinor: number } {
  let left = Math.max(0, Math.trunc(amountMinor));
  const shares: Share[] = [];
  for (const invoice of oldestDueFirst(invoices)) {
    if (left === 0) break;
    const take = Math.min(left, allocatableMinor(invoice));
    if (take <= 0) continue;
    shares.push({ invoiceId: invoice.invoiceId, amountMinor: take });
    left -= take;
  }
  return { shares, unallocatedMinor: left };
}

/**
 * Which shares a refund or chargeback of `amountMinor` takes back: the reverse of allocation, newest due first
 * (the share that was served last, possibly partly, is reversed first), so what remains paid is still the oldest
 * debt, exactly as if the customer had paid less in the first place. `shares` are in allocation order, each with
 * what may still be taken back from it.
 */
export function reverseShares(amountMinor: number, shares: readonly Share[]): Share[] {
  let left = Math.max(0, Math.trunc(amountMinor));
  const taken: Share[] = [];
  for (const share of [...shares].reverse()) {
    if (left === 0) break;
    const take = Math.min(left, Math.max(0, share.amountMinor));
    if (take <= 0) continue;
    taken.push({ invoiceId: share.invoiceId, amountMinor: take });
    left -= take;
  }
  return taken;
}
