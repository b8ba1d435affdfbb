import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from '../log/logger.ts';
import type { Collection, CollectionTracker } from '../store/collection.ts';
import { inLockedTransaction } from './transaction.ts';
import { storageUnavailable } from './unavailable.ts';

/** Advisory-lock id held by every write transaction: writes are serialized across instances. */
const WRITE_LOCK = 0x7265_6777;

/** A collection kept in PostgreSQL, with hooks for indexes built over it (API-key digests). */
export interface SyncedKind {
  readonly kind: string;
  // biome-ignore lint/suspicious/noExplicitAny: one table holds every resource type.
  readonly collection: Collection<any>;
  /** Called before an item is changed or removed by another instance (or a rollback). */
  before?(item: unknown): void;
  /** Called after an item was changed or added by another instance (or a rollback). */
  after?(item: unknown): void;
}

interface Row {
  kind: string;
  id: string;
  data: unknown;
  deleted: boolean;
  version: string;
}

interface Change {
  readonly kind: SyncedKind;
  readonly id: string;
  /** `null`: deleted. */
  readonly json: string | null;
}

/** The rows committed after version $1, in commit order. */
const PULL_SQL =
  'SELECT kind, id, data, deleted, version FROM regen_records WHERE version > $1 ORDER BY version, pos';

/** Publishes a data version, never lowering it. */
const MAX_SET = `
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`;

/**
 * The domain data on PostgreSQL, for many instances at once. Every instance keeps the data in
 * memory (reads stay in-process) and:
 * - before each request, reads the data version from Redis (one `GET`) and, when another
 *   instance committed since, pulls the changed rows (`version > mine`) before authenticating
 *   or answering — so a rotation, deactivation or deletion is seen at once everywhere;
 * - runs each write in a transaction holding one advisory lock (writes are serialized across
 *   instances, so `order + inventory + commission` commit together or not at all): it pulls
 *   first, runs the handler, saves exactly the records the handler touched and changed, then
 *   publishes the new version. A failed handler or commit restores the touched records.
 * Webhook deliveries of a write start after its commit.
 */
export class PgStore implements CollectionTracker {
  /** The data version this instance has applied. */
  version = 0;
  private readonly kinds = new Map<string, SyncedKind>();
  private readonly byCollection = new Map<Collection<unknown>, SyncedKind>();
  /** JSON of each record as last saved / pulled, per collection. */
  private readonly saved = new Map<Collection<unknown>, Map<string, string>>();
  private touched = new Map<Collection<unknown>, Set<string> | 'all'>();
  private writing = false;
  private held: (() => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private poller: NodeJS.Timeout | undefined;
  private readonly versionKey: string;

  constructor(
    private readonly pool: pg.Pool,
    private readonly redis: Redis,
    prefix: string,
    kinds: readonly SyncedKind[],
    private readonly logger: Logger,
    /**
     * Makes the collection of a kind not known yet (a partition another instance created), or
     * says it is not one; given by the owner of the data.
     */
    private readonly resolveKind?: (kind: string) => SyncedKind | undefined,
  ) {
    this.versionKey = `${prefix}data-version`;
    this.track(kinds);
    redis.defineCommand('regenMaxSet', { numberOfKeys: 1, lua: MAX_SET });
  }

  /** Keeps these collections in PostgreSQL too (a partition made after start). */
  track(kinds: readonly SyncedKind[]): void {
    for (const k of kinds) {
      if (this.kinds.has(k.kind)) continue;
      this.kinds.set(k.kind, k);
      this.byCollection.set(k.collection, k);
      this.saved.set(k.collection, new Map());
      k.collection.tracker = this;
    }
  }

  /** The tracked kind of this name. */
  kindNamed(kind: string): SyncedKind | undefined {
    return this.kinds.get(kind);
  }

  private kindOf(kind: string): SyncedKind | undefined {
    return this.kinds.get(kind) ?? this.resolveKind?.(kind);
  }

  touch(collection: Collection<unknown>, id: string): void {
    if (!this.writing) return;
    let ids = this.touched.get(collection);
    if (ids === 'all') return;
    if (ids === undefined) {
      ids = new Set();
      this.touched.set(collection, ids);
    }
    ids.add(id);
  }

  touchAll(collection: Collection<unknown>): void {
    if (this.writing) this.touched.set(collection, 'all');
  }

  /** Runs `deliver` after the current write commits (true), or says there is no write (false). */
  deferUntilCommit(deliver: () => void): boolean {
    if (!this.writing) return false;
    this.held.push(deliver);
    return true;
  }

  /**
   * Seeds an empty database (once, whichever instance comes first), then loads everything.
   * Returns the JWT secret shared by the instances (`wanted` when given).
   */
  /**
   * `seed` gives the rows of a first start; `origin` names where they come from (`demo`, or
   * `data-file:<sha256>` for an imported `--data-file`). Returns the JWT secret and the origin
   * the database was seeded from.
   */
  async init(
    seed: () => ReadonlyMap<string, readonly unknown[]>,
    wanted: string,
    origin: string,
  ): Promise<{ secret: string; origin: string }> {
    const result = await inLockedTransaction(this.pool, WRITE_LOCK, async (client) => {
      const seeded = await client.query("SELECT 1 FROM regen_meta WHERE key = 'seeded'");
      if (seeded.rowCount === 0) {
        const changes: Change[] = [];
        for (const [kindName, items] of seed()) {
          const kind = this.kindOf(kindName);
          if (!kind) throw new Error(`cannot store records of kind ${kindName}`);
          for (const item of items)
            changes.push({ kind, id: kind.collection.keyOf(item), json: JSON.stringify(item) });
        }
        await this.save(client, changes);
        await client.query(
          "INSERT INTO regen_meta (key, value) VALUES ('seeded', now()::text), ('jwt_secret', $1), ('seeded_from', $2) ON CONFLICT (key) DO NOTHING",
          [wanted, origin],
        );
      }
      const stored = await client.query<{ key: string; value: string }>(
        "SELECT key, value FROM regen_meta WHERE key IN ('jwt_secret', 'seeded_from')",
      );
      const meta = new Map(stored.rows.map((r) => [r.key, r.value]));
      // Databases seeded before `seeded_from` existed were seeded with the demo data.
      return { secret: meta.get('jwt_secret') ?? wanted, origin: meta.get('seeded_from') ?? 'demo' };
    });
    await this.pull(this.pool);
    // A safety net: a version published while Redis was away is picked up within a second.
    this.poller = setInterval(() => {
      void this.exclusive(() => this.pull(this.pool)).catch(() => undefined);
    }, 1000);
    this.poller.unref();
    return result;
  }

  close(): void {
    if (this.poller !== undefined) clearInterval(this.poller);
  }

  /**
   * Makes sure every change committed by any instance is applied here (503 when a store is
   * away); true when something was applied.
   */
  async ensureFresh(): Promise<boolean> {
    let raw: string | null;
    try {
      raw = await this.redis.get(this.versionKey);
    } catch {
      throw storageUnavailable('Redis');
    }
    return this.catchUp(raw === null ? 0 : Number(raw));
  }

  /** Applies the changes up to data version `latest` (read from Redis by the caller); true when any were missing. */
  async catchUp(latest: number): Promise<boolean> {
    if (latest <= this.version) return false;
    await this.exclusive(async () => {
      if (latest <= this.version) return;
      try {
        await this.pull(this.pool);
      } catch {
        throw storageUnavailable('PostgreSQL');
      }
    });
    return true;
  }

  /** Runs `work` (a handler that changes data) in one transaction; see the class comment. */
  async write<T>(work: () => T | Promise<T>): Promise<T> {
    const { result, version } = await this.exclusive(() => this.transaction(work));
    // Published before the response goes out (a later request anywhere sees the write), but
    // outside the queue, so the next write does not wait for it.
    if (version > 0) await this.publish(version);
    return result;
  }

  /**
   * Publishes a committed data version. A Redis hiccup here must not turn an acknowledged write
   * into an error: the other instances then see it through their one-second poll.
   */
  private async publish(version: number): Promise<void> {
    await (this.redis as unknown as { regenMaxSet: (...a: unknown[]) => Promise<unknown> })
      .regenMaxSet(this.versionKey, version)
      .catch((error: Error) =>
        this.logger.warn('could not publish the data version', { error: error.message }),
      );
  }

  private async transaction<T>(work: () => T | Promise<T>): Promise<{ result: T; version: number }> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      throw storageUnavailable('PostgreSQL');
    }
    try {
      // One round trip: begin, take the write lock, read what other instances committed.
      const results = (await client.query(
        `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK}); ${PULL_SQL.replace('$1', String(Math.trunc(this.version)))}`,
      )) as unknown as pg.QueryResult<Row>[];
      this.applyRows(results[2]?.rows ?? []);
    } catch {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw storageUnavailable('PostgreSQL');
    }
    this.touched = new Map();
    this.held = [];
    this.writing = true;
    let result: T;
    try {
      result = await work();
    } catch (error) {
      this.writing = false;
      this.revert();
      this.held = [];
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
    this.writing = false;
    const changes = this.diff();
    let version = 0;
    try {
      if (changes.length > 0) version = await this.save(client, changes);
      await client.query('COMMIT');
    } catch {
      this.revert();
      this.held = [];
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw storageUnavailable('PostgreSQL');
    }
    client.release();
    for (const change of changes) {
      const saved = this.saved.get(change.kind.collection) as Map<string, string>;
      if (change.json === null) saved.delete(change.id);
      else saved.set(change.id, change.json);
    }
    if (version > this.version) this.version = version;
    const held = this.held;
    this.held = [];
    for (const deliver of held) deliver();
    return { result, version };
  }

  /** Serializes pulls and writes of this instance. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The touched records whose JSON differs from what was saved. */
  private diff(): Change[] {
    const changes: Change[] = [];
    for (const [collection, touched] of this.touched) {
      const kind = this.byCollection.get(collection);
      if (!kind) continue;
      const saved = this.saved.get(collection) as Map<string, string>;
      for (const id of this.idsOf(collection, touched)) {
        const item = collection.peek(id);
        const before = saved.get(id);
        if (item === undefined) {
          if (before !== undefined) changes.push({ kind, id, json: null });
          continue;
        }
        const json = JSON.stringify(item);
        if (json !== before) changes.push({ kind, id, json });
      }
    }
    return changes;
  }

  /** Puts the touched records back as they were saved (a failed handler or commit). */
  private revert(): void {
    for (const [collection, touched] of this.touched) {
      const kind = this.byCollection.get(collection);
      if (!kind) continue;
      const saved = this.saved.get(collection) as Map<string, string>;
      for (const id of this.idsOf(collection, touched)) {
        const json = saved.get(id);
        const item = collection.peek(id);
        if (item !== undefined && json !== undefined && JSON.stringify(item) === json) continue;
        this.apply(kind, id, json === undefined ? null : JSON.parse(json));
      }
    }
    this.touched = new Map();
  }

  private idsOf(collection: Collection<unknown>, touched: Set<string> | 'all'): Iterable<string> {
    if (touched !== 'all') return touched;
    const ids = new Set(collection.ids());
    for (const id of (this.saved.get(collection) as Map<string, string>).keys()) ids.add(id);
    return ids;
  }

  /** Writes `changes` under a new data version; returns it. */
  private async save(client: pg.PoolClient, changes: readonly Change[]): Promise<number> {
    if (changes.length === 0) {
      const { rows } = await client.query<{ v: string }>("SELECT nextval('regen_version') AS v");
      return Number(rows[0]?.v);
    }
    // One statement: a new version for the whole change, and every changed record under it.
    const { rows } = await client.query<{ version: string }>(
      `WITH v AS (SELECT nextval('regen_version') AS v)
       INSERT INTO regen_records (kind, id, data, deleted, version)
       SELECT k, i, d::json, d IS NULL, (SELECT v FROM v) FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, i, d)
       ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = EXCLUDED.version
       RETURNING version`,
      [changes.map((c) => c.kind.kind), changes.map((c) => c.id), changes.map((c) => c.json)],
    );
    return Number(rows[0]?.version);
  }

  /** Applies the rows committed after this instance's version. */
  private async pull(db: pg.Pool | pg.PoolClient): Promise<void> {
    const { rows } = await db.query<Row>(PULL_SQL, [this.version]);
    this.applyRows(rows);
  }

  private applyRows(rows: readonly Row[]): void {
    for (const row of rows) {
      const kind = this.kindOf(row.kind);
      if (kind) this.apply(kind, row.id, row.deleted ? null : row.data);
      const v = Number(row.version);
      if (v > this.version) this.version = v;
    }
  }

  /** Makes the in-memory record `id` equal to `data` (`null`: absent), keeping object identity. */
  private apply(kind: SyncedKind, id: string, data: unknown): void {
    const { collection } = kind;
    const saved = this.saved.get(collection) as Map<string, string>;
    const existing = collection.peek(id);
    if (data === null) {
      if (existing !== undefined) {
        kind.before?.(existing);
        collection.delete(id);
      }
      saved.delete(id);
      return;
    }
    if (existing !== undefined) {
      kind.before?.(existing);
      const target = existing as Record<string, unknown>;
      for (const key of Object.keys(target)) if (!(key in (data as object))) delete target[key];
      Object.assign(target, data);
      kind.after?.(existing);
      saved.set(id, JSON.stringify(existing));
    } else {
      collection.insert(data);
      kind.after?.(data);
      saved.set(id, JSON.stringify(data));
    }
  }
}
