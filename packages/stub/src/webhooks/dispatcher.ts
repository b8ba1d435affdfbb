import type { Logger } from '../log/logger.ts';
import { newId } from '../store/ids.ts';
import type { Mode } from '../store/mode.ts';
import { signWebhook } from './sign.ts';

/** An endpoint as the dispatcher needs it. */
export interface DeliveryTarget {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly status: 'enabled' | 'disabled';
  readonly secret: string;
}

/** The contract's `WebhookEvent`: `{ id, type, mode, createdAt, data: { object } }`. */
export interface WebhookEventBody {
  readonly id: string;
  readonly type: string;
  readonly mode: Mode;
  readonly createdAt: string;
  readonly data: { readonly object: unknown };
}

/** Where an event happened: one account's data of one mode, with its endpoints. */
export interface EventSource {
  readonly mode: Mode;
  readonly webhooks: {
    get(id: string): DeliveryTarget | undefined;
    values(): Iterable<DeliveryTarget>;
  };
}

/** One delivery attempt, kept for inspection. */
export interface DeliveryAttempt {
  readonly eventId: string;
  readonly endpointId: string;
  readonly attempt: number;
  readonly status: number | null;
  readonly error: string | null;
  readonly at: string;
}

/** Settings of the dispatcher. */
export interface DispatcherSettings {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly timeoutMs: number;
}

const KEEP_ATTEMPTS = 500;

/**
 * Delivers webhook events: one signed POST per subscribed, enabled endpoint
 * (`Regen-Signature`, `Regen-Event-Id`), retried on a network error or a non-2xx answer with
 * exponential backoff (`backoff`, `2×backoff`, …) up to `maxAttempts`. Deleted or disabled
 * endpoints get no further attempts.
 */
export class WebhookDispatcher {
  /** The most recent attempts, oldest first. */
  readonly attempts: DeliveryAttempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private closed = false;
  /**
   * With PostgreSQL, deliveries wait for the write's commit (and are dropped if it rolls back):
   * returns true when it took `deliver` to run later.
   */
  defer: ((deliver: () => void) => boolean) | undefined;

  constructor(
    private readonly settings: DispatcherSettings,
    private readonly logger: Logger,
  ) {}

  /** Creates an event of `source` and queues its deliveries to that partition's endpoints; returns the event. */
  emit(source: EventSource, type: string, object: unknown): WebhookEventBody {
    const event: WebhookEventBody = {
      id: newId('evt'),
      type,
      mode: source.mode,
      createdAt: new Date().toISOString(),
      data: { object },
    };
    const body = JSON.stringify(event);
    const deliver = () => {
      for (const target of source.webhooks.values()) {
        if (target.status === 'enabled' && target.events.includes(type))
          this.schedule(source, target.id, event, body, 1, 0);
      }
    };
    if (this.defer === undefined || !this.defer(deliver)) deliver();
    return event;
  }

  /** Stops all pending retries and in-flight deliveries. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
  }

  private schedule(
    source: EventSource,
    endpointId: string,
    event: WebhookEventBody,
    body: string,
    attempt: number,
    delayMs: number,
  ): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(source, endpointId, event, body, attempt);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(
    source: EventSource,
    endpointId: string,
    event: WebhookEventBody,
    body: string,
    attempt: number,
  ): Promise<void> {
    const target = source.webhooks.get(endpointId);
    if (target?.status !== 'enabled' || this.closed) return;
    const controller = new AbortController();
    this.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'regen-stub-webhooks/1',
          'regen-signature': signWebhook(target.secret, body),
          'regen-event-id': event.id,
        },
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      clearTimeout(timeout);
      this.controllers.delete(controller);
    }
    this.record({ eventId: event.id, endpointId, attempt, status, error, at: new Date().toISOString() });
    const ok = status !== null && status >= 200 && status < 300;
    if (ok || this.closed) return;
    if (attempt >= this.settings.maxAttempts) {
      this.logger.warn('webhook delivery abandoned', { eventId: event.id, endpointId, attempts: attempt });
      return;
    }
    this.schedule(source, endpointId, event, body, attempt + 1, this.settings.backoffMs * 2 ** (attempt - 1));
  }

  private record(attempt: DeliveryAttempt): void {
    this.attempts.push(attempt);
    if (this.attempts.length > KEEP_ATTEMPTS) this.attempts.shift();
    this.logger.debug('webhook delivery', { ...attempt });
  }
}
