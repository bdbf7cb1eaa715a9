export type TaxedLine = { lineTotalMinor: number; taxRateBps: number };
export type TaxShare = { taxRateBps: number; netMinor: number; taxMinor: number };

/**
 * Splits a credit note's amount incl. tax into net and VAT per rate, in proportion to the credited lines (a French
 * credit note states its VAT like the invoice it corrects). Shares sum exactly to the amount: each rate's share is
 * rounded down and the last takes the remainder; the net is then derived from each share at its rate.
 */
export function splitCreditByTax(amountMinor: number, lines: TaxedLine[]): TaxShare[] {
  const byRate = new Map<number, number>();
  for (const line of lines) {
    const gross = line.lineTotalMinor + Math.round((line.lineTotalMinor * line.taxRateBps) / 10_000);
    byRate.set(line.taxRateBps, (byRate.get(line.taxRateBps) ?? 0) + gross);
  }
  const rates = [...byRate].filter(([, gross]) => gross > 0).sort(([a], [b]) => a - b);
  const total = rates.reduce((sum, [, gross]) => sum + gross, 0);
  if (total <= 0) return [{ taxRateBps: 0, netMinor: amountMinor, taxMinor: 0 }];
  let left = amountMinor;
  return rates.map(([taxRateBps, gross], i) => {
    const share = i === rates.length - 1 ? left : Math.floor((amountMinor * gross) / total);
    left -= share;
    const netMinor = Math.round((share * 10_000) / (10_000 + taxRateBps));
    return { taxRateBps, netMinor, taxMinor: share - netMinor };
  });
}
