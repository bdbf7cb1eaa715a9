import { invalidRequest } from './errors';
import { clone, type Store } from './store';

/**
 * `expand[]=latest_charge`, `expand[]=latest_charge.payment_intent`, `expand[]=data.customer` on lists: each
 * dotted path replaces an id with the object it names, as Stripe does. The result is a copy.
 */
export function expandObject<T extends object>(store: Store, object: T, paths: string[] = []): T {
  const copy = clone(object) as Record<string, unknown>;
  for (const path of paths) expandPath(store, copy, path.split('.'), path);
  return copy as T;
}

function expandPath(
  store: Store,
  target: Record<string, unknown>,
  [head, ...rest]: string[],
  full: string,
): void {
  if (head === undefined) return;
  if (head === 'data' && Array.isArray(target.data)) {
    for (const item of target.data) expandPath(store, item as Record<string, unknown>, rest, full);
    return;
  }
  if (!(head in target))
    throw invalidRequest(`This property cannot be expanded (${head}).`, { param: 'expand' });
  let value = target[head];
  if (typeof value === 'string') {
    const found = store.byId(value);
    if (!found) throw invalidRequest(`This property cannot be expanded (${full}).`, { param: 'expand' });
    value = clone(found);
    target[head] = value;
  }
  if (rest.length && value && typeof value === 'object')
    expandPath(store, value as Record<string, unknown>, rest, full);
}

export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/** Stripe's list envelope, newest first, with cursor pagination (what the SDK's auto-pagination reads). */
export function list<T extends { id: string; created: number }>(url: string, items: T[], params: ListParams) {
  const limit = params.limit ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidRequest('Invalid limit: must be between 1 and 100', { param: 'limit' });
  // Insertion order breaks ties within a second: later objects first.
  const sorted = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => b.item.created - a.item.created || b.i - a.i)
    .map((x) => x.item);
  let start = 0;
  let end = sorted.length;
  if (params.starting_after) start = sorted.findIndex((item) => item.id === params.starting_after) + 1;
  if (params.ending_before)
    end = Math.max(
      0,
      sorted.findIndex((item) => item.id === params.ending_before),
    );
  const page = params.ending_before
    ? sorted.slice(Math.max(0, end - limit), end)
    : sorted.slice(start, start + limit);
  const hasMore = params.ending_before ? end - limit > 0 : start + limit < sorted.length;
  return { object: 'list' as const, data: page.map((item) => clone(item)), has_more: hasMore, url };
}
