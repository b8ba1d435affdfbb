import type { WebhookDelivery } from '@regen/contract';
import type { Redis } from 'ioredis';
import type { MaybePromise } from '../shared/types.ts';

/** One attempt as the delivery log keeps it. */
export interface LoggedAttempt {
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: WebhookDelivery['eventType'];
  readonly attempt: number;
  readonly at: string;
  readonly statusCode: number | null;
  readonly error: string | null;
  /** Whether another attempt will follow (a failure with attempts left). */
  readonly willRetry: boolean;
}

/** The contract's `listWebhookDeliveries`: the most recent events per endpoint. */
export const RECENT_DELIVERIES = 20;
/** Attempts kept per endpoint (enough for 20 events at the stub's attempt limits). */
const KEEP_ATTEMPTS = 200;
/** The contract keeps deliveries at least 7 days. */
const KEEP_MS = 7 * 86_400_000;

/** Where delivery attempts are kept for `listWebhookDeliveries`: in memory, or in Redis for every instance. */
export interface DeliveryLogPort {
  record(attempt: LoggedAttempt): void;
  /** The endpoint's most recent deliveries, newest first. */
  recent(endpointId: string): MaybePromise<WebhookDelivery[]>;
}

/** Groups attempts (any order) into deliveries, newest event first. */
export function deliveriesOf(attempts: readonly LoggedAttempt[]): WebhookDelivery[] {
  const byEvent = new Map<string, LoggedAttempt[]>();
  for (const a of [...attempts].sort((x, y) => x.at.localeCompare(y.at) || x.attempt - y.attempt)) {
    const list = byEvent.get(a.eventId);
    if (list === undefined) byEvent.set(a.eventId, [a]);
    else list.push(a);
  }
  return [...byEvent.values()]
    .reverse()
    .slice(0, RECENT_DELIVERIES)
    .map((list) => {
      const last = list[list.length - 1] as LoggedAttempt;
      const delivered = list.some((a) => a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300);
      return {
        eventId: last.eventId,
        eventType: last.eventType,
        status: delivered ? 'delivered' : last.willRetry ? 'retrying' : 'failed',
        attempts: list.slice(-20).map((a) => ({
          attempt: a.attempt,
          at: a.at,
          statusCode: a.statusCode,
          error: a.error,
        })),
      };
    });
}

/** In this process: the last attempts of each endpoint. */
export class MemoryDeliveryLog implements DeliveryLogPort {
  private readonly byEndpoint = new Map<string, LoggedAttempt[]>();

  record(attempt: LoggedAttempt): void {
    let list = this.byEndpoint.get(attempt.endpointId);
    if (list === undefined) {
      list = [];
      this.byEndpoint.set(attempt.endpointId, list);
    }
    list.push(attempt);
    if (list.length > KEEP_ATTEMPTS) list.shift();
  }

  recent(endpointId: string): WebhookDelivery[] {
    const oldest = new Date(Date.now() - KEEP_MS).toISOString();
    return deliveriesOf((this.byEndpoint.get(endpointId) ?? []).filter((a) => a.at >= oldest));
  }
}

/** In Redis (shared mode): one capped list per endpoint, expiring 7 days after its last attempt. */
export class RedisDeliveryLog implements DeliveryLogPort {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (error: Error) => void,
  ) {}

  private key(endpointId: string): string {
    return `${this.prefix}webhook-deliveries:${endpointId}`;
  }

  record(attempt: LoggedAttempt): void {
    const key = this.key(attempt.endpointId);
    this.redis
      .multi()
      .lpush(key, JSON.stringify(attempt))
      .ltrim(key, 0, KEEP_ATTEMPTS - 1)
      .pexpire(key, KEEP_MS)
      .exec()
      .catch(this.onError);
  }

  async recent(endpointId: string): Promise<WebhookDelivery[]> {
    const raw = await this.redis.lrange(this.key(endpointId), 0, KEEP_ATTEMPTS - 1);
    return deliveriesOf(raw.map((r) => JSON.parse(r) as LoggedAttempt));
  }
}
