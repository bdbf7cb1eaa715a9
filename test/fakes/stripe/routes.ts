import type { Ctx } from './context';
import type { Parsed, Spec } from './params';

/** One API endpoint: its parameters, who may call it, and what it does. */
export interface Route<S extends Spec = Spec> {
  method: 'GET' | 'POST' | 'DELETE';
  /** `/v1/payment_intents/:id/confirm` */
  path: string;
  spec: S;
  /** Stripe.js endpoints: a publishable key may call them (with the object's client_secret). */
  publishable?: boolean;
  /**
   * Checks of the parameters alone (amount vs currency, exclusive parameters). Like schema errors they happen
   * before the endpoint runs, so Stripe does not save them under the idempotency key.
   */
  check?(params: Parsed<S>): void;
  // Method syntax on purpose: routes with different specs then fit in one Route[] table.
  handle(ctx: Ctx, params: Parsed<S>, path: Record<string, string>): object;
}

export const route = <S extends Spec>(r: Route<S>): Route => r as unknown as Route;

export function matchRoute(
  routes: Route[],
  method: string,
  pathname: string,
): { route: Route; path: Record<string, string> } | null {
  const parts = pathname.split('/').filter(Boolean);
  for (const r of routes) {
    if (r.method !== method) continue;
    const pattern = r.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const path: Record<string, string> = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        path[segment.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return segment === parts[i];
    });
    if (ok) return { route: r, path };
  }
  return null;
}
