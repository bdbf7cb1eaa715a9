import type { FormValue } from './form';

/** A response Stripe saved for an idempotency key: replayed byte for byte for the same request. */
export interface SavedResponse {
  method: string;
  path: string;
  params: string;
  status: number;
  body: string;
  requestId: string;
}

/**
 * Stripe's idempotency layer: keys are scoped to the API key; a saved result is replayed when the same
 * endpoint is called with the same parameters, and a different endpoint or different parameters is an
 * `idempotency_error`. Only requests whose endpoint began executing are saved (not auth, routing or parameter
 * validation failures, nor a 500 thrown before the work), as Stripe documents.
 */
export class IdempotencyStore {
  private readonly saved = new Map<string, SavedResponse>();

  get(apiKey: string, key: string): SavedResponse | undefined {
    return this.saved.get(`${apiKey}\u0000${key}`);
  }

  save(apiKey: string, key: string, response: SavedResponse): void {
    this.saved.set(`${apiKey}\u0000${key}`, response);
  }

  clear(): void {
    this.saved.clear();
  }
}

/** Parameters compared independently of the order they were sent in. */
export function canonicalParams(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalParams).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalParams(value[key]!)}`)
    .join(',')}}`;
}

export function idempotencyMismatch(saved: SavedResponse, method: string, path: string, key: string): string {
  if (saved.method !== method || saved.path !== path) {
    return `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.method} ${saved.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`;
  }
  return `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
}
