import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { chargeRoutes } from './charges';
import { systemCtx } from './context';
import { customerRoutes } from './customers';
import { disputeCharge, disputeRoutes, type DisputeOptions } from './disputes';
import { EventLog } from './events';
import { Faults, type FaultSpec } from './faults';
import { createHandler, type RequestLogEntry } from './http';
import { IdempotencyStore } from './idempotency';
import { authenticate, settle } from './payment-attempts';
import { paymentIntentRoutes } from './payment-intents';
import { paymentMethodRoutes } from './payment-method-routes';
import { refundRoutes } from './refunds';
import { authenticateSetup, setupIntentRoutes } from './setup-intents';
import { clone, Store } from './store';
import {
  signedRequest,
  WebhookDeliverer,
  type DeliveryRecord,
  type RedeliverOptions,
  type WebhookTarget,
} from './webhooks';

export type { DeliveryRecord, DisputeOptions, FaultSpec, RedeliverOptions, RequestLogEntry, WebhookTarget };

export interface StripeFakeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where events are POSTed, signed with `secret` (can be set later with `setWebhook`). */
  webhook?: WebhookTarget;
  /** Delays before retrying a failed webhook delivery (default 50, 200, 1000 ms: three retries). */
  webhookRetryDelaysMs?: number[];
  /**
   * Settle SEPA/ACH debits by themselves this long after they start processing, with the outcome the test
   * IBAN / account number calls for (for the simulated-payments dev mode). Tests leave it unset and call settle().
   */
  autoSettleBankDebitsMs?: number;
  /**
   * Not a Stripe behaviour, a check of DESIGN.md's rule: answer 400 to any secret-key POST whose Idempotency-Key
   * is missing or the random one stripe-node adds by itself.
   */
  requireIdempotencyKeys?: boolean;
  /** Where the fake reports its own bugs (default console.error). */
  log?: (line: string) => void;
}

/** Read-only copies of what the fake holds, by id. */
export interface StripeFakeState {
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  customers: Map<string, Stripe.Customer>;
  paymentMethods: Map<string, Stripe.PaymentMethod>;
  setupIntents: Map<string, Stripe.SetupIntent>;
  charges: Map<string, Stripe.Charge>;
  refunds: Map<string, Stripe.Refund>;
  disputes: Map<string, Stripe.Dispute>;
}

export interface StripeFake {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every event, in the order it happened. */
  readonly events: readonly Stripe.Event[];
  /** Every API request received (including replays and injected failures), in order. */
  readonly requests: readonly RequestLogEntry[];
  /** Every webhook delivery attempt. */
  readonly deliveries: readonly DeliveryRecord[];
  readonly state: StripeFakeState;
  failNext(fault: FaultSpec): void;
  clearFaults(): void;
  /** A SEPA/ACH PaymentIntent in `processing` succeeds or fails, as the bank reports days later. */
  settle(paymentIntentId: string, outcome: 'succeeded' | 'failed'): void;
  /** Completes (or fails) 3D Secure for a PaymentIntent or SetupIntent in requires_action, as the customer would. */
  authenticate(intentId: string, outcome?: 'succeed' | 'fail'): void;
  /** Opens a dispute on a charge, or moves/closes the open one (`status: 'won' | 'lost'`). */
  dispute(chargeId: string, opts?: DisputeOptions): Stripe.Dispute;
  setWebhook(target: WebhookTarget | null): void;
  /** Sends events again (each delivery is one attempt, no retries), whatever the pause state. */
  deliver(eventIds: string | string[], opts?: RedeliverOptions): Promise<DeliveryRecord[]>;
  pauseDeliveries(): void;
  resumeDeliveries(): void;
  /** Waits until queued deliveries (and their retries) are done. */
  flushDeliveries(): Promise<void>;
  /** The body and headers Stripe would send for an event, e.g. to forge a bad or old signature. */
  signedRequest(
    event: Stripe.Event | string,
    opts?: { secret?: string; timestamp?: number },
  ): { body: string; headers: Record<string, string> };
  /** Forgets everything: objects, events, requests, idempotency keys, faults, queued deliveries. */
  reset(): void;
  stop(): Promise<void>;
}

/** A local, stateful Stripe API for tests and the simulated-payments dev mode. See README.md beside this file. */
export async function startStripeFake(opts: StripeFakeOptions = {}): Promise<StripeFake> {
  const store = new Store();
  const deliverer = new WebhookDeliverer({
    retryDelaysMs: opts.webhookRetryDelaysMs ?? [50, 200, 1000],
    timeoutMs: 10_000,
  });
  deliverer.target = opts.webhook ?? null;
  const events = new EventLog(() => (deliverer.target ? 1 : 0));
  events.onEvent((event) => deliverer.enqueue(event));
  const faults = new Faults();
  const idempotency = new IdempotencyStore();
  const requests: RequestLogEntry[] = [];
  const held = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const log = opts.log ?? ((line: string) => console.error(line));
  const system = systemCtx(store, events);

  if (opts.autoSettleBankDebitsMs !== undefined) {
    events.onEvent((event) => {
      if (event.type !== 'payment_intent.processing') return;
      const id = (event.data.object as Stripe.PaymentIntent).id;
      const timer = setTimeout(() => {
        timers.delete(timer);
        const pi = store.paymentIntents.get(id);
        const record = pi && store.paymentMethods.get(pi.payment_method as string);
        if (pi?.status === 'processing' && record?.behaviour.kind === 'bank_debit')
          settle(system, pi, record.behaviour.outcome);
      }, opts.autoSettleBankDebitsMs);
      timers.add(timer);
    });
  }

  const routes = [
    ...paymentIntentRoutes,
    ...customerRoutes,
    ...paymentMethodRoutes,
    ...setupIntentRoutes,
    ...refundRoutes,
    ...chargeRoutes,
    ...disputeRoutes,
  ];
  const server = createServer(
    createHandler({
      store,
      events,
      faults,
      idempotency,
      routes,
      requests,
      held,
      log,
      requireIdempotencyKeys: opts.requireIdempotencyKeys ?? false,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const findEvent = (id: string) => {
    const event = events.find(id);
    if (!event) throw new Error(`Stripe fake: no event ${id}`);
    return event;
  };
  const copies = <T>(map: Map<string, T>) => new Map([...map].map(([id, value]) => [id, clone(value)]));

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    events: events.events,
    requests,
    deliveries: deliverer.log,
    get state() {
      return {
        paymentIntents: copies(store.paymentIntents),
        customers: copies(store.customers),
        paymentMethods: new Map([...store.paymentMethods].map(([id, record]) => [id, clone(record.object)])),
        setupIntents: copies(store.setupIntents),
        charges: copies(store.charges),
        refunds: copies(store.refunds),
        disputes: copies(store.disputes),
      };
    },
    failNext: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    settle(id, outcome) {
      const pi = store.paymentIntents.get(id);
      if (!pi) throw new Error(`Stripe fake: no PaymentIntent ${id}`);
      settle(system, pi, outcome);
    },
    authenticate(id, outcome = 'succeed') {
      const pi = store.paymentIntents.get(id);
      const si = store.setupIntents.get(id);
      if (pi) authenticate(system, pi, outcome);
      else if (si) authenticateSetup(system, si, outcome);
      else throw new Error(`Stripe fake: no PaymentIntent or SetupIntent ${id}`);
    },
    dispute: (chargeId, disputeOpts) => clone(disputeCharge(system, chargeId, disputeOpts)),
    setWebhook(target) {
      deliverer.target = target;
    },
    deliver: (ids, deliverOpts) =>
      deliverer.redeliver((Array.isArray(ids) ? ids : [ids]).map(findEvent), deliverOpts),
    pauseDeliveries: () => deliverer.pause(),
    resumeDeliveries: () => deliverer.resume(),
    flushDeliveries: () => deliverer.idle(),
    signedRequest(event, signOpts = {}) {
      const secret = signOpts.secret ?? deliverer.target?.secret;
      if (!secret) throw new Error('Stripe fake: signedRequest needs a secret (no webhook configured)');
      return signedRequest(typeof event === 'string' ? findEvent(event) : event, secret, signOpts.timestamp);
    },
    reset() {
      store.clear();
      events.clear();
      faults.clear();
      idempotency.clear();
      requests.length = 0;
      deliverer.clear();
      deliverer.log.length = 0;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      deliverer.clear();
      for (const res of held) res.destroy();
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
