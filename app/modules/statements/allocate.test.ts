import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatableMinor, allocate, oldestDueFirst, reverseShares, type Allocatable } from './allocate';

const invoiceArb = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 12 }),
    seq: fc.integer({ min: 1, max: 999_999 }),
    balanceMinor: fc.integer({ min: 0, max: 5_000_000 }),
    disputedShare: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6_000_000 })),
  })
  .map(({ day, month, seq, balanceMinor, disputedShare }): Allocatable => ({
    invoiceId: `inv-${seq}`,
    dueDate: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    number: `2026-${String(seq).padStart(6, '0')}`,
    balanceMinor,
    disputedMinor: Math.min(disputedShare, balanceMinor + 1000),
  }));
const invoicesArb = fc.uniqueArray(invoiceArb, { maxLength: 12, selector: (i) => i.invoiceId });

describe('allocate (property)', () => {
  it('shares sum to the payment, stay within each balance, serve the oldest due first, never touch disputes', () => {
    fc.assert(
      fc.property(invoicesArb, fc.integer({ min: 0, max: 80_000_000 }), (invoices, amountMinor) => {
        const { shares, unallocatedMinor } = allocate(amountMinor, invoices);
        const byId = new Map(invoices.map((i) => [i.invoiceId, i]));
        const total = invoices.reduce((sum, i) => sum + allocatableMinor(i), 0);
        const sum = shares.reduce((s, x) => s + x.amountMinor, 0);

        // Exact: every minor unit is either in a share or left over, and nothing is left over while owed.
        expect(sum + unallocatedMinor).toBe(amountMinor);
        expect(sum).toBe(Math.min(amountMinor, total));
        if (amountMinor <= total) expect(unallocatedMinor).toBe(0);

        for (const share of shares) {
          const invoice = byId.get(share.invoiceId)!;
          expect(share.amountMinor).toBeGreaterThan(0);
          expect(share.amountMinor).toBeLessThanOrEqual(invoice.balanceMinor);
          // Disputed amounts are never allocated.
          expect(share.amountMinor).toBeLessThanOrEqual(invoice.balanceMinor - invoice.disputedMinor);
        }
        expect(new Set(shares.map((s) => s.invoiceId)).size).toBe(shares.length);

        // Oldest due first: an invoice is served only once every older one is fully served.
        const order = oldestDueFirst(invoices);
        const got = new Map(shares.map((s) => [s.invoiceId, s.amountMinor]));
        let short = false;
        for (const invoice of order) {
          const share = got.get(invoice.invoiceId) ?? 0;
          if (short) expect(share).toBe(0);
          if (share < allocatableMinor(invoice)) short = true;
        }
        // Shares come in that order.
        const positions = shares.map((s) => order.findIndex((i) => i.invoiceId === s.invoiceId));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
      { numRuns: 500 },
    );
  });

  it('reversal takes back exactly the amount, newest share first, never more than a share', () => {
    fc.assert(
      fc.property(invoicesArb, fc.nat(80_000_000), fc.nat(80_000_000), (invoices, paid, refunded) => {
        const { shares } = allocate(paid, invoices);
        const sum = shares.reduce((s, x) => s + x.amountMinor, 0);
        const taken = reverseShares(refunded, shares);
        expect(taken.reduce((s, x) => s + x.amountMinor, 0)).toBe(Math.min(refunded, sum));
        const byId = new Map(shares.map((s) => [s.invoiceId, s.amountMinor]));
        for (const t of taken) expect(t.amountMinor).toBeLessThanOrEqual(byId.get(t.invoiceId)!);
        // Everything but the last one taken is taken whole, starting from the newest.
        const expected = [...shares].reverse().slice(0, taken.length);
        expect(taken.map((t) => t.invoiceId)).toEqual(expected.map((s) => s.invoiceId));
        taken.slice(0, -1).forEach((t) => expect(t.amountMinor).toBe(byId.get(t.invoiceId)));
      }),
      { numRuns: 300 },
    );
  });

  it('an amount that covers part of an invoice leaves that one partly paid', () => {
    const a = { invoiceId: 'a', dueDate: '2026-01-10', number: 'F-1', balanceMinor: 1000, disputedMinor: 0 };
    const b = {
      invoiceId: 'b',
      dueDate: '2026-02-10',
      number: 'F-2',
      balanceMinor: 2000,
      disputedMinor: 500,
    };
    const c = { invoiceId: 'c', dueDate: '2026-03-10', number: 'F-3', balanceMinor: 3000, disputedMinor: 0 };
    expect(allocate(2000, [c, b, a])).toEqual({
      shares: [
        { invoiceId: 'a', amountMinor: 1000 },
        { invoiceId: 'b', amountMinor: 1000 },
      ],
      unallocatedMinor: 0,
    });
    expect(allocate(9000, [a, b, c])).toEqual({
      shares: [
        { invoiceId: 'a', amountMinor: 1000 },
        { invoiceId: 'b', amountMinor: 1500 },
        { invoiceId: 'c', amountMinor: 3000 },
      ],
      unallocatedMinor: 3500,
    });
  });
});
