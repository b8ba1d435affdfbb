import type { Redis } from 'ioredis';
import type { Settings } from '../config/settings.ts';
import type { Logger } from '../log/logger.ts';
import { StartupError } from '../shared/startup-error.ts';
import { MemoryDeliveryLog, RedisDeliveryLog } from '../webhooks/delivery-log.ts';
import { type DispatcherSharing, WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { WebhookTargetPolicy } from '../webhooks/target-policy.ts';
import type { Storage } from './connect-storage.ts';

/** The addresses webhooks may reach (`--webhook-allow-private`); a bad setting closes the connections and throws. */
export async function webhookTargetPolicy(
  settings: Settings,
  { pool, redis }: Storage,
): Promise<WebhookTargetPolicy> {
  try {
    return new WebhookTargetPolicy(settings.webhookAllowPrivate, settings.webhookLookup);
  } catch (error) {
    await pool?.end().catch(() => undefined);
    redis?.disconnect();
    throw new StartupError(`--webhook-allow-private: ${(error as Error).message}`);
  }
}

/** The webhook dispatcher, its attempts logged in Redis when there is one. */
export function createWebhookDispatcher(
  settings: Settings,
  logger: Logger,
  targets: WebhookTargetPolicy,
  redis: Redis | undefined,
  sharing: DispatcherSharing,
): WebhookDispatcher {
  return new WebhookDispatcher(
    {
      maxAttempts: settings.webhookMaxAttempts,
      backoffMs: settings.webhookBackoffMs,
      timeoutMs: settings.webhookTimeoutMs,
    },
    logger,
    targets,
    redis
      ? new RedisDeliveryLog(redis, settings.redisPrefix, (error) =>
          logger.warn('webhook delivery not logged', { error: error.message }),
        )
      : new MemoryDeliveryLog(),
    sharing,
  );
}
