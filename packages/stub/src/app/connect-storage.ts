import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Settings } from '../config/settings.ts';
import type { Logger } from '../log/logger.ts';
import { migrate } from '../shared/migrate.ts';
import { StartupError } from '../shared/startup-error.ts';

/** The connections of a stub: Redis with `--redis-url`, PostgreSQL with `--database-url`. */
export interface Storage {
  readonly redis: Redis | undefined;
  readonly pool: pg.Pool | undefined;
}

/**
 * Connects to Redis and PostgreSQL when they are configured (their drivers load only then) and
 * migrates the database; a failure disconnects Redis and throws.
 */
export async function connectStorage(settings: Settings, logger: Logger): Promise<Storage> {
  if (settings.databaseUrl !== null && settings.redisUrl === null)
    throw new StartupError('--database-url needs --redis-url (instances share counters and tokens there)');
  const connect =
    settings.redisUrl === null && settings.databaseUrl === null
      ? undefined
      : await import('../shared/connect.ts');
  const redis =
    settings.redisUrl === null ? undefined : await connect?.connectRedis(settings.redisUrl, logger);
  let pool: pg.Pool | undefined;
  try {
    if (settings.databaseUrl !== null && connect) {
      pool = await connect.connectPostgres(settings.databaseUrl, logger);
      await migrate(pool).catch((error: Error) => {
        throw new StartupError(`cannot migrate the PostgreSQL database: ${error.message.split('\n')[0]}`);
      });
    }
  } catch (error) {
    redis?.disconnect();
    throw error;
  }
  return { redis, pool };
}
