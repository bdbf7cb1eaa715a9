import Stripe from 'stripe';

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliveryRecord {
  eventId: string;
  type: string;
  attempt: number;
  /** HTTP status, or null when the request itself failed (refused, timed out). */
  status: number | null;
  error?: string;
  /** Sent by `fake.deliver()` rather than the normal flow. */
  redelivery: boolean;
  at: Date;
}

export interface RedeliverOptions {
  /** Send each event this many times (default 1). */
  times?: number;
  /** All at once rather than one after another. */
  concurrently?: boolean;
  /** In random order (for out-of-order tests). */
  shuffle?: boolean;
}

/** Stripe sends the event pretty-printed; the signature covers these exact bytes. */
export const payloadOf = (event: Stripe.Event) => JSON.stringify(event, null, 2);

export function signedRequest(
  event: Stripe.Event,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const body = payloadOf(event);
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }),
    },
  };
}

/**
 * Sends events to the app like Stripe: asynchronously (never inside the API call that caused them), in order,
 * one at a time, retrying a failed delivery a few times without holding back the events after it.
 */
export class WebhookDeliverer {
  target: WebhookTarget | null = null;
  readonly log: DeliveryRecord[] = [];
  private queue: Array<{ event: Stripe.Event; attempt: number }> = [];
  private paused = false;
  private pumping = false;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly opts: { retryDelaysMs: number[]; timeoutMs: number }) {}

  enqueue(event: Stripe.Event): void {
    if (!this.target) return;
    this.queue.push({ event, attempt: 1 });
    setImmediate(() => void this.pump());
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    void this.pump();
    this.notifyIfIdle();
  }

  /** Resolves once nothing is queued, in flight or waiting for a retry (queued events stay put while paused). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.notifyIfIdle();
    });
  }

  async redeliver(events: Stripe.Event[], opts: RedeliverOptions = {}): Promise<DeliveryRecord[]> {
    const list = events.flatMap((event) => Array.from({ length: opts.times ?? 1 }, () => event));
    if (opts.shuffle) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
    }
    if (opts.concurrently) return Promise.all(list.map((event) => this.send(event, 1, true)));
    const records: DeliveryRecord[] = [];
    for (const event of list) records.push(await this.send(event, 1, true));
    return records;
  }

  clear(): void {
    this.queue = [];
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.paused = false;
    this.notifyIfIdle();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.paused && this.queue.length) {
        const { event, attempt } = this.queue.shift()!;
        const record = await this.send(event, attempt, false);
        if (!isSuccess(record) && attempt <= this.opts.retryDelaysMs.length) this.retryLater(event, attempt);
      }
    } finally {
      this.pumping = false;
      this.notifyIfIdle();
    }
  }

  private retryLater(event: Stripe.Event, attempt: number): void {
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        this.queue.push({ event, attempt: attempt + 1 });
        void this.pump();
      },
      this.opts.retryDelaysMs[attempt - 1],
    );
    this.retryTimers.add(timer);
  }

  private async send(event: Stripe.Event, attempt: number, redelivery: boolean): Promise<DeliveryRecord> {
    const target = this.target;
    const record: DeliveryRecord = {
      eventId: event.id,
      type: event.type,
      attempt,
      status: null,
      redelivery,
      at: new Date(),
    };
    this.log.push(record);
    if (!target) {
      record.error = 'no webhook endpoint configured';
      return record;
    }
    this.inFlight += 1;
    try {
      const { body, headers } = signedRequest(event, target.secret);
      const response = await fetch(target.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      await response.arrayBuffer();
      record.status = response.status;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.inFlight -= 1;
      this.notifyIfIdle();
    }
    return record;
  }

  private notifyIfIdle(): void {
    const idle =
      !this.pumping &&
      this.inFlight === 0 &&
      this.retryTimers.size === 0 &&
      (this.paused || this.queue.length === 0);
    if (!idle) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

const isSuccess = (record: DeliveryRecord) =>
  record.status !== null && record.status >= 200 && record.status < 300;
