import type { Redis } from 'ioredis';
import { ApiKeyRegistry } from '../auth/api-key-registry.ts';
import { AuthFailureBudget, type FailureBudgetPort } from '../auth/failure-budget.ts';
import { JwtService } from '../auth/jwt.ts';
import { RedisFailureBudget } from '../auth/redis-failure-budget.ts';
import { SharedLastUsed } from '../auth/redis-last-used.ts';
import { RedisDenylist, RedisSessions } from '../auth/redis-sessions.ts';
import { RefreshSessions, type SessionStore } from '../auth/refresh-sessions.ts';
import { type DenylistPort, TokenDenylist } from '../auth/token-denylist.ts';
import { randomJwtSecret, type Settings } from '../config/settings.ts';
import { SETTLE_PAYOUT, type SettlePayoutJob, settlePayout } from '../handlers/commissions.ts';
import type { Services } from '../handlers/services.ts';
import { RedisIdempotencyStore } from '../idempotency/redis-store.ts';
import { type IdempotencyPort, IdempotencyStore } from '../idempotency/store.ts';
import type { Logger } from '../log/logger.ts';
import { AuthorizationCodes } from '../oauth/authorization-codes.ts';
import { OAuthClients } from '../oauth/clients.ts';
import { RedisCodes } from '../oauth/redis-codes.ts';
import { RateLimiter } from '../ratelimit/limiter.ts';
import type { RateLimiterPort } from '../ratelimit/limiter-port.ts';
import { RedisRateLimiter } from '../ratelimit/redis-limiter.ts';
import { type JobQueue, LocalJobs } from '../shared/jobs.ts';
import { GLOBAL_PARTITION } from '../shared/partitions.ts';
import type { PgStore } from '../shared/pg-store.ts';
import { RedisJobs } from '../shared/redis-jobs.ts';
import { ensureDemoUsers } from '../state/demo-users.ts';
import { loadSnapshot, Persister, type StoreSnapshot } from '../state/persistence.ts';
import { buildSeed, emptySeed } from '../state/seed.ts';
import { partitionKey, Tenancy } from '../store/tenancy.ts';
import { MemoryUsage } from '../usage/memory-usage.ts';
import { PgUsage } from '../usage/pg-usage.ts';
import { DELIVER_WEBHOOK } from '../webhooks/dispatcher.ts';
import { connectStorage } from './connect-storage.ts';
import { planLimits } from './plan-limits.ts';
import { createSharedStore, loadSharedData, partitionKinds } from './shared-store.ts';
import { createWebhookDispatcher, webhookTargetPolicy } from './webhook-delivery.ts';

/** Issuer (`iss`) of the JWTs the stub signs. */
export const JWT_ISSUER = 'urn:regen:stub';
/** Audience (`aud`) of the JWTs the stub signs. */
export const JWT_AUDIENCE = 'urn:regen:api';

/** The services of a stub, and how to stop their background work. */
export interface ServiceBundle {
  readonly services: Services;
  readonly limiter: RateLimiterPort;
  readonly idempotency: IdempotencyPort;
  /** Cancels timers and deliveries, then saves `--data-file` (or closes the PostgreSQL / Redis connections). */
  shutdown(): Promise<void>;
}

/**
 * Builds the state (from `--data-file`, or the demo seed) and the services handlers use.
 * Demo passwords are hashed in the background; `services.passwordsReady` tells when.
 */
export async function createServices(settings: Settings, logger: Logger): Promise<ServiceBundle> {
  const storage = await connectStorage(settings, logger);
  const { redis, pool } = storage;
  const prefix = settings.redisPrefix;

  // With PostgreSQL a data file is imported into an empty database (see loadSharedData), never kept.
  const snapshot = settings.dataFile ? loadSnapshot(settings.dataFile) : undefined;
  const seed = pool
    ? emptySeed()
    : (snapshot ?? buildSeed(Date.now(), settings.demoEmail, settings.seed, settings.plan));
  let jwtSecret = settings.jwtSecret ?? snapshot?.jwtSecret ?? randomJwtSecret();
  let persister: Persister | undefined;
  const changed = () => persister?.schedule();
  // The PostgreSQL store tracks the tenancy's collections and the tenancy tells it of partitions
  // made later: one of the two is built first, and reaches the other through this binding.
  let shared: PgStore | undefined;

  const tenancy = new Tenancy(
    seed,
    changed,
    pool && redis ? (store) => shared?.track(partitionKinds(store)) : undefined,
  );
  // Key uses are shared only when the data is (PostgreSQL + Redis).
  const apiKeys = new ApiKeyRegistry(
    seed.apiKeys,
    settings.rotationGraceMs,
    changed,
    pool && redis ? new SharedLastUsed(redis, prefix, logger) : undefined,
  );
  const sessions = createSessions(settings, redis, changed, snapshot);
  if (pool && redis) {
    shared = createSharedStore(pool, redis, prefix, tenancy, apiKeys, logger);
    jwtSecret = await loadSharedData({ store: shared, pool, redis, settings, snapshot, jwtSecret, sessions });
  }
  const pgStore = shared;
  const ensureUsers = () =>
    ensureDemoUsers(tenancy, settings.demoEmail, settings.demoPassword, settings.plan);
  const passwordsReady = pgStore ? pgStore.write([GLOBAL_PARTITION], ensureUsers) : ensureUsers();
  if (settings.dataFile !== null && pgStore === undefined) {
    persister = dataFilePersister(settings.dataFile, jwtSecret, tenancy, apiKeys, sessions, logger);
    persister.schedule();
  }

  const webhookTargets = await webhookTargetPolicy(settings, storage);
  // Jobs are shared only when the data is (PostgreSQL + Redis).
  const sharedJobs =
    pgStore && redis
      ? new RedisJobs(redis, prefix, logger, { leaseMs: settings.webhookTimeoutMs + 5000 })
      : undefined;
  const jobs: JobQueue = sharedJobs ?? new LocalJobs(logger);
  const webhooks = createWebhookDispatcher(
    settings,
    logger,
    webhookTargets,
    redis,
    pgStore && sharedJobs
      ? {
          defer: (source, deliver) =>
            pgStore.deferUntilCommit(partitionKey(source.accountId, source.mode), deliver),
          shared: {
            jobs,
            sourceOf: (accountId, mode) => tenancy.partition(accountId, mode),
            fresh: (accountId, mode) => pgStore.ensureFresh(partitionKey(accountId, mode)),
          },
        }
      : {},
  );
  const authFailures: FailureBudgetPort = redis
    ? new RedisFailureBudget(redis, prefix, settings.rateLimits.auth.limit, settings.rateLimits.auth.windowMs)
    : new AuthFailureBudget(settings.rateLimits.auth.limit, settings.rateLimits.auth.windowMs);
  const denylist: DenylistPort = redis ? new RedisDenylist(redis, prefix) : new TokenDenylist();
  const services: Services = {
    settings,
    logger,
    tenancy,
    apiKeys,
    jwt: new JwtService({
      secret: new TextEncoder().encode(jwtSecret),
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      accessTtlMs: settings.accessTtlMs,
      refreshTtlMs: settings.refreshTtlMs,
    }),
    sessions,
    denylist,
    oauthClients: new OAuthClients(settings.oauthClients, settings.oauthRedirectUris),
    limitsOf: planLimits(tenancy, settings),
    authFailures,
    shared: pgStore,
    codes: redis ? new RedisCodes(redis, prefix) : new AuthorizationCodes(),
    webhooks,
    passwordsReady,
    jobs,
    usage: pool ? new PgUsage(pool, logger) : new MemoryUsage(),
    webhookTargets,
  };
  jobs.handle(SETTLE_PAYOUT, (job) => {
    if (!pgStore) return settlePayout(services, job);
    const { accountId, mode } = job as unknown as SettlePayoutJob;
    return pgStore.write([partitionKey(accountId, mode)], () => settlePayout(services, job));
  });
  if (pgStore && sharedJobs) {
    jobs.handle(DELIVER_WEBHOOK, (job) => webhooks.runJob(job));
    sharedJobs.start();
  }
  return {
    services,
    limiter: redis
      ? new RedisRateLimiter(redis, prefix, settings.rateLimits)
      : new RateLimiter(settings.rateLimits),
    idempotency: redis
      ? new RedisIdempotencyStore(redis, prefix)
      : new IdempotencyStore({ cap: settings.idempotencyCap }),
    shutdown: async () => {
      const jobsClosed = jobs.close(); // stops polling; a delivery cut short below is retried elsewhere
      webhooks.close();
      await jobsClosed;
      await passwordsReady.catch(() => undefined);
      await services.usage.close();
      persister?.flush();
      pgStore?.close();
      await pool?.end().catch(() => undefined);
      redis?.disconnect();
    },
  };
}

/** Refresh sessions: in Redis when there is one, else in memory (and in `--data-file`). */
function createSessions(
  settings: Settings,
  redis: Redis | undefined,
  changed: () => void,
  snapshot: StoreSnapshot | undefined,
): SessionStore {
  if (redis) return new RedisSessions(redis, settings.redisPrefix, settings.refreshLeewayMs);
  const local = new RefreshSessions(settings.refreshLeewayMs, changed);
  local.load(snapshot?.sessions ?? []);
  return local;
}

/** Saves the whole state to `--data-file` (memory mode): the JWT secret, the tenancy, API keys and sessions. */
function dataFilePersister(
  file: string,
  jwtSecret: string,
  tenancy: Tenancy,
  apiKeys: ApiKeyRegistry,
  sessions: SessionStore,
  logger: Logger,
): Persister {
  return new Persister(
    file,
    () => ({
      version: 2,
      jwtSecret,
      ...tenancy.toData(),
      apiKeys: apiKeys.keys.toArray(),
      sessions: sessions instanceof RefreshSessions ? sessions.toJSON() : [],
    }),
    logger,
  );
}
