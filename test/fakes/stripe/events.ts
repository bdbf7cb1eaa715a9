import Stripe from 'stripe';
import { newId, nowSeconds } from './ids';
import { clone } from './store';

export type EventListener = (event: Stripe.Event) => void;

/**
 * Every state change the fake makes, in order, each with a snapshot of the object at that moment (Stripe's
 * `data.object`), so a handler that trusts the payload instead of re-reading the object can be caught out.
 */
export class EventLog {
  readonly events: Stripe.Event[] = [];
  private readonly listeners = new Set<EventListener>();

  /** `pendingWebhooks` says how many endpoints will receive each event (Stripe's `pending_webhooks`). */
  constructor(private readonly pendingWebhooks: () => number = () => 0) {}

  record(
    type: Stripe.Event.Type,
    object: object,
    request: { id: string; idempotency_key: string | null } | null,
  ): Stripe.Event {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      data: { object: clone(object) },
      livemode: false,
      pending_webhooks: this.pendingWebhooks(),
      request: request ?? { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  find(id: string): Stripe.Event | undefined {
    return this.events.find((event) => event.id === id);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.events.length = 0;
  }
}
