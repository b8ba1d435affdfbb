import { Redis } from 'ioredis';
import pg from 'pg';
import type { Logger } from '../log/logger.ts';
import { StartupError } from './startup-error.ts';

// Loaded only with --database-url / --redis-url (create-services imports this module lazily),
// so the in-memory stub never loads the PostgreSQL and Redis clients.

/** How long start-up waits for PostgreSQL or Redis before giving up (no hang on a bad address). */
const CONNECT_TIMEOUT_MS = 3000;

/** `postgres://user:***@host:port/db`: where, without the password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(malformed URL)';
  }
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: unknown[] };
  // An AggregateError (IPv4 and IPv6 both refused) carries the interesting message inside.
  const inner =
    Array.isArray(e.errors) && e.errors.length > 0 ? (e.errors[0] as { message?: string }) : undefined;
  const message = (e.message || inner?.message || e.code || String(error)).split('\n')[0] ?? '';
  return message.trim();
}

/** Opens a pool to `url` and proves it with one query; throws {@link StartupError} on failure. */
export async function connectPostgres(url: string, logger: Logger): Promise<pg.Pool> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StartupError(`--database-url is not a URL: ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new StartupError(`--database-url must start with postgres://, got ${redactUrl(url)}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    query_timeout: 10_000,
    application_name: 'regen-stub',
  });
  // An idle client whose server went away emits here; without a listener the process would crash.
  pool.on('error', (error) => logger.warn('PostgreSQL connection lost', { error: reason(error) }));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StartupError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${reason(error)}`);
  }
  return pool;
}

/** Connects to Redis and proves it with PING; throws {@link StartupError} on failure. */
export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StartupError(`--redis-url is not a URL: ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new StartupError(`--redis-url must start with redis://, got ${redactUrl(url)}`);
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: 2000,
    // Fail at once while disconnected (503) instead of queueing requests until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  let lastError = '';
  let started = false;
  let firstError: unknown;
  redis.on('error', (error) => {
    // Before start-up succeeds, the one-line start-up error says it all.
    if (!started) {
      firstError ??= error;
      return;
    }
    const message = reason(error);
    if (message !== lastError) logger.warn('Redis connection error', { error: message });
    lastError = message;
  });
  redis.on('ready', () => {
    lastError = '';
  });
  try {
    await redis.connect();
    await redis.ping();
    started = true;
  } catch (error) {
    redis.disconnect();
    // "Connection is closed" says less than the socket error that closed it.
    throw new StartupError(`cannot connect to Redis at ${redactUrl(url)}: ${reason(firstError ?? error)}`);
  }
  return redis;
}
