import type { Mode } from '@regen/contract';
import type { Logger } from '../log/logger.ts';
import type { FollowUp, Job, JobQueue } from '../shared/jobs.ts';
import { newId } from '../store/ids.ts';
import { deliver } from './deliver.ts';
import { type DeliveryLogPort, type LoggedAttempt, MemoryDeliveryLog } from './delivery-log.ts';
import { signWebhook } from './sign.ts';
import type { WebhookTargetPolicy } from './target-policy.ts';

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
  /** The account (deliveries through the shared job queue find the endpoints again by it). */
  readonly accountId: string;
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
/** Longest wait for a receiver's connection (within the attempt's own timeout). */
const CONNECT_TIMEOUT_MS = 3000;

/** The job kind of one delivery attempt on the shared queue. */
export const DELIVER_WEBHOOK = 'deliverWebhook';

/** `{ kind: 'deliverWebhook', accountId, mode, endpointId, event, attempt }`: `event` is the signed JSON body. */
export interface DeliverWebhookJob {
  readonly kind: typeof DELIVER_WEBHOOK;
  readonly accountId: string;
  readonly mode: Mode;
  readonly endpointId: string;
  readonly event: string;
  readonly attempt: number;
}

/** How the dispatcher works with PostgreSQL + Redis: attempts are jobs any instance may run. */
export interface SharedDelivery {
  readonly jobs: JobQueue;
  /** The partition of an account and mode (its endpoints). */
  sourceOf(accountId: string, mode: Mode): EventSource;
  /** Brings this instance's data up to date (an endpoint made or changed on another instance). */
  fresh(accountId: string, mode: Mode): Promise<unknown>;
}

/** How deliveries go with PostgreSQL (and Redis); both absent in memory mode. */
export interface DispatcherSharing {
  /**
   * With PostgreSQL, deliveries wait for the write's commit (and are dropped if it rolls back):
   * returns true when it took `deliver` to run later.
   */
  readonly defer?: (source: EventSource, deliver: () => void) => boolean;
  /**
   * With PostgreSQL + Redis: each attempt is a `deliverWebhook` job, the first run at once by the
   * instance that committed, retries by whichever instance polls them when due (see {@link WebhookDispatcher.runJob}).
   */
  readonly shared?: SharedDelivery;
}

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
  /** See {@link DispatcherSharing.defer}. */
  private readonly defer: ((source: EventSource, deliver: () => void) => boolean) | undefined;
  /** See {@link DispatcherSharing.shared}. */
  private readonly shared: SharedDelivery | undefined;

  constructor(
    private readonly settings: DispatcherSettings,
    private readonly logger: Logger,
    /** Which addresses a delivery may connect to (the contract's "Webhook targets"). */
    private readonly policy: WebhookTargetPolicy,
    /** Every attempt, for `listWebhookDeliveries`. */
    readonly deliveries: DeliveryLogPort = new MemoryDeliveryLog(),
    sharing: DispatcherSharing = {},
  ) {
    this.defer = sharing.defer;
    this.shared = sharing.shared;
  }

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
        if (target.status !== 'enabled' || !target.events.includes(type)) continue;
        if (this.shared !== undefined && !this.closed) {
          const job: DeliverWebhookJob = {
            kind: DELIVER_WEBHOOK,
            accountId: source.accountId,
            mode: source.mode,
            endpointId: target.id,
            event: body,
            attempt: 1,
          };
          this.shared.jobs.runHere(job);
        } else this.schedule(source, target.id, event, body, 1, 0);
      }
    };
    if (this.defer === undefined || !this.defer(source, deliver)) deliver();
    return event;
  }

  /** Stops all pending retries and in-flight deliveries. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
  }

  /**
   * Runs a `deliverWebhook` job (shared mode): one attempt; a failure returns the next attempt,
   * due after the backoff, which the queue records in place of this one. Throws when this
   * instance is closing or cannot read the data, so the queue tries the job again later.
   */
  async runJob(job: Job): Promise<FollowUp | undefined> {
    const shared = this.shared;
    if (shared === undefined || this.closed) throw new Error('the webhook dispatcher is closed');
    const { accountId, mode, endpointId, event: body, attempt } = job as unknown as DeliverWebhookJob;
    await shared.fresh(accountId, mode);
    const target = shared.sourceOf(accountId, mode).webhooks.get(endpointId);
    if (target?.status !== 'enabled') return undefined;
    const { id: eventId, type } = JSON.parse(body) as WebhookEventBody;
    const ok = await this.send(target, eventId, type, body, attempt);
    if (ok) return undefined;
    if (this.closed) throw new Error('the webhook dispatcher closed during a delivery');
    if (attempt >= this.settings.maxAttempts) {
      this.logger.warn('webhook delivery abandoned', { eventId, endpointId, attempts: attempt });
      return undefined;
    }
    const next: DeliverWebhookJob = {
      kind: DELIVER_WEBHOOK,
      accountId,
      mode,
      endpointId,
      event: body,
      attempt: attempt + 1,
    };
    return { job: next, dueAt: Date.now() + this.backoff(attempt) };
  }

  private backoff(attempt: number): number {
    return this.settings.backoffMs * 2 ** (attempt - 1);
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
    const ok = await this.send(target, event.id, event.type, body, attempt);
    if (ok || this.closed) return;
    if (attempt >= this.settings.maxAttempts) {
      this.logger.warn('webhook delivery abandoned', { eventId: event.id, endpointId, attempts: attempt });
      return;
    }
    this.schedule(source, endpointId, event, body, attempt + 1, this.backoff(attempt));
  }

  /** One signed POST of `body` to `target`, recorded; true on a 2xx answer. */
  private async send(
    target: DeliveryTarget,
    eventId: string,
    eventType: string,
    body: string,
    attempt: number,
  ): Promise<boolean> {
    const controller = new AbortController();
    this.controllers.add(controller);
    const { status, error } = await deliver(
      this.policy,
      target.url,
      {
        'content-type': 'application/json',
        'user-agent': 'regen-stub-webhooks/1',
        'regen-signature': signWebhook(target.secret, body),
        'regen-event-id': eventId,
      },
      body,
      {
        connectTimeoutMs: Math.min(CONNECT_TIMEOUT_MS, this.settings.timeoutMs),
        totalTimeoutMs: this.settings.timeoutMs,
      },
      controller.signal,
    );
    this.controllers.delete(controller);
    if (error?.startsWith('refused'))
      this.logger.warn('webhook delivery refused by the target policy', {
        endpointId: target.id,
        eventId,
        error,
      });
    const at = new Date().toISOString();
    const ok = status !== null && status >= 200 && status < 300;
    this.record({ eventId, endpointId: target.id, attempt, status, error, at });
    this.deliveries.record({
      endpointId: target.id,
      eventId,
      eventType: eventType as LoggedAttempt['eventType'],
      attempt,
      at,
      statusCode: status,
      error: error === null ? null : error.slice(0, 256),
      willRetry: !ok && attempt < this.settings.maxAttempts && !this.closed,
    });
    return ok;
  }

  private record(attempt: DeliveryAttempt): void {
    this.attempts.push(attempt);
    if (this.attempts.length > KEEP_ATTEMPTS) this.attempts.shift();
    this.logger.debug('webhook delivery', { ...attempt });
  }
}
