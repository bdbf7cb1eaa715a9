import { roundDiv } from '~/utils/money';

/** Quantities are thousandths (1.5 -> 1500), rates basis points (20% -> 2000), prices minor units. */
export type LineInput = { quantityMilli: number; unitPriceMinor: number; taxRateBps: number };

export type TaxBreakdown = { rateBps: number; baseMinor: number; taxMinor: number };
export type Totals = {
  lineTotals: number[];
  subtotalMinor: number;
  taxes: TaxBreakdown[];
  taxMinor: number;
  totalMinor: number;
};

export function lineTotal(line: LineInput): number {
  return Number(roundDiv(BigInt(line.quantityMilli) * BigInt(line.unitPriceMinor), 1000n));
}

/**
 * Tax is computed once per rate on the sum of that rate's line totals (as French invoices show it), rounded half
 * up, so the printed per-rate table adds up exactly to the total.
 */
export function computeTotals(lines: LineInput[]): Totals {
  const lineTotals = lines.map(lineTotal);
  const bases = new Map<number, number>();
  lines.forEach((line, i) => bases.set(line.taxRateBps, (bases.get(line.taxRateBps) ?? 0) + lineTotals[i]!));
  const taxes = [...bases.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBps, baseMinor]) => ({
      rateBps,
      baseMinor,
      taxMinor: Number(roundDiv(BigInt(baseMinor) * BigInt(rateBps), 10000n)),
    }));
  const subtotalMinor = lineTotals.reduce((a, b) => a + b, 0);
  const taxMinor = taxes.reduce((a, t) => a + t.taxMinor, 0);
  return { lineTotals, subtotalMinor, taxes, taxMinor, totalMinor: subtotalMinor + taxMinor };
}
