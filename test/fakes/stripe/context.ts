import type Stripe from 'stripe';
import type { EventLog } from './events';
import type { Store } from './store';

export interface Auth {
  key: string;
  kind: 'secret' | 'publishable';
}

/** A payment outcome forced by `fake.failNext({ kind: 'decline' | 'authentication_required' })`. */
export type ForcedOutcome = 'decline' | 'authentication_required';

/** What a handler gets: the state, who is calling, and a way to record events tied to this request. */
export interface Ctx {
  readonly store: Store;
  readonly auth: Auth;
  readonly requestId: string | null;
  readonly idempotencyKey: string | null;
  /** Consumed by the first payment attempt of the request. */
  forced: ForcedOutcome | null;
  emit(type: Stripe.Event.Type, object: object): void;
}

/** For state changes the fake makes on its own (settling a debit, a dispute): events carry no request, as on Stripe. */
export function systemCtx(store: Store, events: EventLog): Ctx {
  return {
    store,
    auth: { key: 'system', kind: 'secret' },
    requestId: null,
    idempotencyKey: null,
    forced: null,
    emit: (type, object) => events.record(type, object, null),
  };
}
