import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { ApiKeyRecord } from '../auth/api-key-record.ts';
import type { ApiKeyRegistry } from '../auth/api-key-registry.ts';
import { RedisSessions } from '../auth/redis-sessions.ts';
import type { SessionStore } from '../auth/refresh-sessions.ts';
import type { Settings } from '../config/settings.ts';
import type { Logger } from '../log/logger.ts';
import { PgStore, type SyncedKind } from '../shared/pg-store.ts';
import { StartupError } from '../shared/startup-error.ts';
import type { StoreSnapshot } from '../state/persistence.ts';
import { buildSeed, type SeedData } from '../state/seed.ts';
import { PARTITION_RESOURCES, type Store } from '../store/store.ts';
import { parsePartitionKey, partitionKey, type Tenancy } from '../store/tenancy.ts';

/** The PostgreSQL store of the stub's data: the account-wide collections and every partition made so far. */
export function createSharedStore(
  pool: pg.Pool,
  redis: Redis,
  prefix: string,
  tenancy: Tenancy,
  apiKeys: ApiKeyRegistry,
  logger: Logger,
): PgStore {
  // Partitions are made on first use (a new account, another instance's write): tracked too.
  const store: PgStore = new PgStore(pool, redis, prefix, syncedKinds(tenancy, apiKeys), logger, (kind) => {
    const at = parsePartitionKey(kind.slice(0, kind.lastIndexOf('/')));
    if (at === undefined) return undefined;
    tenancy.partition(at.accountId, at.mode);
    return store.kindNamed(kind);
  });
  for (const partition of tenancy.allPartitions()) store.track(partitionKinds(partition));
  return store;
}

/** What {@link loadSharedData} works with. */
export interface SharedData {
  readonly store: PgStore;
  readonly pool: pg.Pool;
  readonly redis: Redis;
  readonly settings: Settings;
  /** `--data-file`, to import into an empty database. */
  readonly snapshot: StoreSnapshot | undefined;
  /** The JWT secret of this start (`--jwt-secret`, the data file's, or a random one). */
  readonly jwtSecret: string;
  readonly sessions: SessionStore;
}

/**
 * Loads the data from PostgreSQL; returns the JWT secret the instances share. An empty database
 * is seeded once: from `--data-file` when given (the migration of a data file into PostgreSQL),
 * else with the demo data. The same file given again (a restart, more instances with the same
 * command line) finds it imported and goes on; another file is refused rather than ignored. On
 * failure the connections are closed and a `StartupError` thrown.
 */
export async function loadSharedData(data: SharedData): Promise<string> {
  const { store, settings, snapshot, sessions } = data;
  const origin = snapshot === undefined ? 'demo' : `data-file:${sha256(JSON.stringify(snapshot))}`;
  let loaded: { secret: string; origin: string };
  let seededNow = false;
  try {
    loaded = await store.init(
      () => {
        seededNow = true;
        return seedRows(snapshot ?? buildSeed(Date.now(), settings.demoEmail, settings.seed, settings.plan));
      },
      settings.jwtSecret ?? data.jwtSecret,
      origin,
    );
  } catch (error) {
    await close(data);
    throw new StartupError(`cannot load the data from PostgreSQL: ${(error as Error).message}`);
  }
  if (snapshot !== undefined && loaded.origin !== origin) {
    await close(data);
    throw new StartupError(
      `--data-file ${settings.dataFile} was not imported: the PostgreSQL database already holds other data (it imports into an empty database only)`,
    );
  }
  if (seededNow && snapshot !== undefined && sessions instanceof RedisSessions) {
    // Signed-in sessions come along (their tokens verify with the imported JWT secret). Only
    // by the start that imported: later starts must not roll refreshed families back.
    for (const session of snapshot.sessions) await sessions.restore(session);
  }
  return loaded.secret;
}

async function close({ store, pool, redis }: SharedData): Promise<void> {
  store.close();
  await pool.end().catch(() => undefined);
  redis.disconnect();
}

/** The collections of one partition, as PostgreSQL kinds. */
export function partitionKinds(store: Store): SyncedKind[] {
  const key = partitionKey(store.accountId, store.mode);
  return PARTITION_RESOURCES.map((resource) => ({
    kind: `${key}/${resource}`,
    collection: store[resource],
  }));
}

/** The account-wide collections kept in PostgreSQL, by kind (the `kind` column). */
function syncedKinds(tenancy: Tenancy, apiKeys: ApiKeyRegistry): SyncedKind[] {
  return [
    { kind: 'accounts', collection: tenancy.accounts },
    { kind: 'users', collection: tenancy.users },
    {
      kind: 'apiKeys',
      collection: apiKeys.keys,
      before: (item: unknown) => apiKeys.unindex(item as ApiKeyRecord),
      after: (item: unknown) => apiKeys.reindex(item as ApiKeyRecord),
    },
  ];
}

/** The rows of a seed (or an imported data file) by PostgreSQL kind. */
function seedRows(data: SeedData): ReadonlyMap<string, readonly unknown[]> {
  const rows = new Map<string, readonly unknown[]>([
    ['accounts', data.accounts],
    ['users', data.users],
    ['apiKeys', data.apiKeys],
  ]);
  for (const [key, partition] of Object.entries(data.partitions))
    for (const [resource, items] of Object.entries(partition)) rows.set(`${key}/${resource}`, items);
  return rows;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
