/**
 * Failures a test can program, each for the next matching request(s):
 * - `500`: Stripe fails before doing anything (nothing saved: a retry with the same key does the work).
 * - `500_after_commit`: the work is done and saved under the idempotency key, then a 500 is answered, so a
 *   retry with the same key replays the success and a retry with a new key does the work twice.
 * - `timeout`: the work is done and saved, then the response is held (for `holdMs`, or until the client gives up
 *   or the fake stops): the "outcome unknown" case.
 * - `network_reset` / `network_reset_after_commit`: the connection is dropped before / after the work
 *   (stripe-node retries a reset once by itself, with the same key).
 * - `decline` / `authentication_required`: the request's payment attempt declines / asks for 3D Secure
 *   (off-session: a 402 authentication_required), whatever the payment method.
 */
export type FaultKind =
  | '500'
  | '500_after_commit'
  | 'timeout'
  | 'network_reset'
  | 'network_reset_after_commit'
  | 'decline'
  | 'authentication_required';

export interface FaultSpec {
  method?: string;
  /** A string matches the exact path (`/v1/payment_intents`); a RegExp is tested against it. */
  path: RegExp | string;
  kind: FaultKind;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** For `timeout`: answer after this long instead of holding until the client gives up. */
  holdMs?: number;
}

export class Faults {
  private pending: Array<FaultSpec & { remaining: number }> = [];

  add(spec: FaultSpec): void {
    this.pending.push({ ...spec, remaining: spec.times ?? 1 });
  }

  /** The first programmed fault matching this request, counted as used. */
  take(method: string, path: string): FaultSpec | null {
    const fault = this.pending.find(
      (f) =>
        (!f.method || f.method.toUpperCase() === method) &&
        (typeof f.path === 'string' ? f.path === path : f.path.test(path)),
    );
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.pending = this.pending.filter((f) => f !== fault);
    return fault;
  }

  get remaining(): number {
    return this.pending.reduce((sum, f) => sum + f.remaining, 0);
  }

  clear(): void {
    this.pending = [];
  }
}
