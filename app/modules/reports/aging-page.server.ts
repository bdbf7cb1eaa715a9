import type { DbOrTx } from '~/utils/db.server';
import { agingReport, isAgingFilter } from './aging.server';

export const AGING_CUSTOMERS_PER_PAGE = 50;

/** `?currency=` when it looks like one (upper-cased), else null. */
export function parseCurrency(value: string | null): string | null {
  const code = (value ?? '').trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

export function parsePage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/** `?customer=` when it is a UUID, else null (never an error: a bad link shows everything). */
export function parseUuid(value: string | null): string | null {
  return value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? value.toLowerCase()
    : null;
}

export function parseBucket(value: string | null) {
  return isAgingFilter(value) ? value : null;
}

/**
 * The aging report page: every currency's totals and one page of one currency's customers (the asked-for
 * currency, else the first one owed). Out-of-range pages come back empty rather than failing.
 */
export async function agingPage(db: DbOrTx, businessId: string, params: URLSearchParams) {
  const page = parsePage(params.get('page'));
  const asked = parseCurrency(params.get('currency'));
  const load = (currency: string | undefined) =>
    agingReport(db, {
      businessId,
      currency,
      page: { limit: AGING_CUSTOMERS_PER_PAGE, offset: (page - 1) * AGING_CUSTOMERS_PER_PAGE },
    });
  let report = await load(asked ?? 'EUR');
  const currencies = report.totals.map((t) => t.currency);
  let currency = asked ?? 'EUR';
  if (currencies.length && !currencies.includes(currency)) {
    currency = currencies[0]!;
    report = await load(currency);
  }
  return {
    ...report,
    currency,
    currencies,
    page,
    pages: Math.max(1, Math.ceil(report.customerCount / AGING_CUSTOMERS_PER_PAGE)),
  };
}
