import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from '../log/logger.ts';
import type { Collection, CollectionTracker } from '../store/collection.ts';
import { LockWaitStats } from './lock-wait.ts';
import { PartitionQueue } from './partition-queue.ts';
import { dataVersionKey, GLOBAL_PARTITION, partitionOfKind } from './partitions.ts';
import {
  claimedWriteQuery,
  LOAD_ALL_SQL,
  LOCK_NOT_AVAILABLE,
  lockStatement,
  PARTITION_VERSIONS_SQL,
  PULL_SQL,
  type RecordChange,
  type RecordRow,
  STALE_CLAIM,
  saveStatement,
  VERSIONS_SQL,
} from './record-sql.ts';
import { inLockedTransaction } from './transaction.ts';
import { storageUnavailable } from './unavailable.ts';

/** Advisory lock of the first start only: one instance seeds an empty database. */
const SEED_LOCK = 0x7265_6777;

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

type Touched = Map<Collection<unknown>, Set<string> | 'all'>;

/** A committed write: the handler's result and the partitions' new versions. */
interface Outcome<T> {
  readonly result: T;
  readonly versions: Map<string, number>;
}

/** How long a partition whose claim failed is written under the lock only. */
const CONTENDED_MS = 1000;

/** A claimed write that must run again: another instance committed to its partitions first. */
const STALE = Symbol('stale');

/** One write in progress on this instance. */
interface WriteContext {
  readonly partitions: readonly string[];
  readonly touched: Touched;
  /** Webhook deliveries waiting for the commit. */
  readonly held: (() => void)[];
}

/** Publishes data versions (KEYS[i] gets ARGV[i]), never lowering one. */
const MAX_SET = `
for i = 1, #KEYS do
  local v = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tonumber(ARGV[i]) > v then redis.call('SET', KEYS[i], ARGV[i]) end
end
return 1
`;

/**
 * The domain data on PostgreSQL, for many instances at once, partitioned by account and mode
 * (`<accountId>/<mode>`) plus one {@link GLOBAL_PARTITION} for accounts, users and API keys.
 * Every instance keeps the data in memory (reads stay in-process) and:
 * - keeps one data version per partition; before a request it compares the global and the
 *   caller's partition version published in Redis with its own and pulls only the rows of the
 *   partitions that moved (`partition = p AND version > mine`), so a rotation, deactivation or
 *   deletion is seen at once everywhere;
 * - polls PostgreSQL's versions once a second (the fallback when a published version was lost):
 *   the account registry is pulled at once, another partition only when a request needs it, so
 *   an instance serving some accounts does not apply every other account's writes;
 * - runs each write in a transaction that locks the version rows of the partitions it declares
 *   (`regen_partitions`): writes of other accounts never wait for it, writes of the same
 *   partition take turns (so `order + inventory + commission` commit together or not at all).
 *   Where this instance already holds those partitions it runs the handler on its data and sends
 *   the claim of the versions it read, the changed records and the commit in one round trip;
 *   when another instance committed there first, or holds the lock now, the claim fails and the
 *   write runs again under the lock after pulling those partitions. Either way it saves exactly
 *   the records the handler changed under each partition's next version, then publishes the new
 *   versions. A failed handler, claim or commit restores the touched records.
 * Webhook deliveries of a write start after its commit.
 *
 * One class over ~200 lines on purpose: what a write touched, what was last saved and which
 * write holds which partition are one piece of state, changed together in the same ticks.
 */
export class PgStore implements CollectionTracker {
  /** The data version this instance has applied, per partition. */
  private readonly versions = new Map<string, number>();
  /**
   * Versions the poll saw in PostgreSQL ahead of {@link versions}, per partition not pulled yet:
   * the next request of that partition pulls up to there even when Redis says less.
   */
  private readonly behind = new Map<string, number>();
  private readonly kinds = new Map<string, SyncedKind>();
  private readonly byCollection = new Map<Collection<unknown>, SyncedKind>();
  private readonly partitionOf = new Map<Collection<unknown>, string>();
  /** JSON of each record as last saved / pulled, per collection. */
  private readonly saved = new Map<Collection<unknown>, Map<string, string>>();
  /** The write of this instance holding each partition. */
  private readonly holders = new Map<string, WriteContext>();
  private running = 0;
  /** True while pulled rows are applied: those are no write's changes. */
  private applying = false;
  private readonly queue = new PartitionQueue();
  /**
   * Partitions whose last claim found them moved on, until when: another instance is writing
   * there too (a load balancer that ignores the account), so a claim would likely fail again and
   * cost a second run; their writes take the lock first for a while.
   */
  private readonly contended = new Map<string, number>();
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  private readonly versionKey: string;
  private readonly prefix: string;
  private readonly lockWait = LockWaitStats.fromEnv();

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
    this.prefix = prefix;
    this.versionKey = dataVersionKey(prefix, GLOBAL_PARTITION);
    this.track(kinds);
    redis.defineCommand('regenMaxSet', { lua: MAX_SET });
  }

  /** The version of the account registry this instance has applied (authentication reads it). */
  get version(): number {
    return this.versions.get(GLOBAL_PARTITION) ?? 0;
  }

  /** The Redis key holding the published version of `partition`. */
  versionKeyOf(partition: string): string {
    return dataVersionKey(this.prefix, partition);
  }

  /** Keeps these collections in PostgreSQL too (a partition made after start). */
  track(kinds: readonly SyncedKind[]): void {
    for (const k of kinds) {
      if (this.kinds.has(k.kind)) continue;
      this.kinds.set(k.kind, k);
      this.byCollection.set(k.collection, k);
      this.partitionOf.set(k.collection, partitionOfKind(k.kind));
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
    if (this.running === 0 || this.applying) return;
    const into = this.touchedOf(collection);
    if (into === undefined) return;
    let ids = into.get(collection);
    if (ids === 'all') return;
    if (ids === undefined) {
      ids = new Set();
      into.set(collection, ids);
    }
    ids.add(id);
  }

  touchAll(collection: Collection<unknown>): void {
    if (this.running === 0 || this.applying) return;
    this.touchedOf(collection)?.set(collection, 'all');
  }

  /**
   * Where a touch of `collection` is recorded: the write holding its partition (one at most per
   * instance). A collection no write holds is read by other requests; a write saves only the
   * partitions it declared (see write-scope.ts).
   */
  private touchedOf(collection: Collection<unknown>): Touched | undefined {
    const partition = this.partitionOf.get(collection);
    return partition === undefined ? undefined : this.holders.get(partition)?.touched;
  }

  /**
   * Runs `deliver` after the write holding `partition` commits (true), or says no write of this
   * instance holds it (false).
   */
  deferUntilCommit(partition: string, deliver: () => void): boolean {
    const holder = this.holders.get(partition);
    if (holder === undefined) return false;
    holder.held.push(deliver);
    return true;
  }

  /**
   * Seeds an empty database (once, whichever instance comes first), then loads everything.
   * `seed` gives the rows of a first start; `origin` names where they come from (`demo`, or
   * `data-file:<sha256>` for an imported `--data-file`). Returns the JWT secret shared by the
   * instances (`wanted` when seeding) and the origin the database was seeded from.
   */
  async init(
    seed: () => ReadonlyMap<string, readonly unknown[]>,
    wanted: string,
    origin: string,
  ): Promise<{ secret: string; origin: string }> {
    const result = await inLockedTransaction(this.pool, SEED_LOCK, async (client) => {
      const seeded = await client.query("SELECT 1 FROM regen_meta WHERE key = 'seeded'");
      if (seeded.rowCount === 0) {
        const changes: RecordChange[] = [];
        for (const [kindName, items] of seed()) {
          const kind = this.kindOf(kindName);
          if (!kind) throw new Error(`cannot store records of kind ${kindName}`);
          const partition = partitionOfKind(kindName);
          for (const item of items)
            changes.push({
              kind: kindName,
              id: kind.collection.keyOf(item),
              partition,
              json: JSON.stringify(item),
            });
        }
        const versions = new Map(changes.map((c) => [c.partition, 1]));
        if (changes.length > 0) await client.query(saveStatement(client, changes, versions));
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
    const { rows } = await this.pool.query<RecordRow>(LOAD_ALL_SQL);
    this.applyRows(rows);
    // A safety net: a version published while Redis was away is picked up within a second.
    this.poller = setInterval(() => void this.poll(), 1000);
    this.poller.unref();
    return result;
  }

  close(): void {
    if (this.poller !== undefined) clearInterval(this.poller);
    if (this.lockWait !== undefined) process.stdout.write(`${JSON.stringify(this.lockWait.summary())}\n`);
  }

  /**
   * Makes sure every change committed by any instance to the account registry (and to
   * `partition`, when given) is applied here (503 when a store is away); true when something was
   * applied.
   */
  async ensureFresh(partition?: string): Promise<boolean> {
    const keys = [this.versionKey];
    if (partition !== undefined && partition !== GLOBAL_PARTITION) keys.push(this.versionKeyOf(partition));
    let raw: (string | null)[];
    try {
      raw = await this.redis.mget(...keys);
    } catch {
      throw storageUnavailable('Redis');
    }
    const global = await this.catchUp(Number(raw[0] ?? 0));
    const own = partition !== undefined && (await this.catchUp(Number(raw[1] ?? 0), partition));
    return global || own;
  }

  /**
   * Applies the changes of `partition` (default: the account registry) up to data version
   * `latest` (read from Redis by the caller); true when any were missing.
   */
  async catchUp(published: number, partition: string = GLOBAL_PARTITION): Promise<boolean> {
    const latest = Math.max(published, this.behind.get(partition) ?? 0);
    if (latest <= (this.versions.get(partition) ?? 0)) return false;
    await this.queue.run([partition], async () => {
      if (latest <= (this.versions.get(partition) ?? 0)) return;
      try {
        await this.pull(partition);
      } catch {
        throw storageUnavailable('PostgreSQL');
      }
    });
    return true;
  }

  /**
   * Runs `work` (a handler that changes data of `scope`, its partitions) in one transaction; see
   * the class comment. Only changes to `scope` are saved: a record outside it is not the write's.
   */
  async write<T>(scope: readonly string[], work: () => T | Promise<T>): Promise<T> {
    const partitions = [...new Set(scope)].sort();
    const queued = this.lockWait === undefined ? 0 : performance.now();
    const { result, versions } = await this.queue.run(partitions, () =>
      this.transaction(partitions, work, queued),
    );
    // Published before the response goes out (a later request anywhere sees the write), but
    // outside the queue, so the next write of the partition does not wait for it.
    if (versions.size > 0) await this.publish(versions);
    return result;
  }

  /**
   * Publishes committed data versions. A Redis hiccup here must not turn an acknowledged write
   * into an error: the other instances then see it through their one-second poll.
   */
  private async publish(versions: ReadonlyMap<string, number>): Promise<void> {
    const keys = [...versions.keys()].map((p) => this.versionKeyOf(p));
    await (this.redis as unknown as { regenMaxSet: (...a: unknown[]) => Promise<unknown> })
      .regenMaxSet(keys.length, ...keys, ...versions.values())
      .catch((error: Error) =>
        this.logger.warn('could not publish the data version', { error: error.message }),
      );
  }

  /**
   * A write whose partitions this instance already holds runs on that data and commits in one
   * round trip, claiming the partitions at the versions it read; when another instance committed
   * there meanwhile it runs again under the partitions' lock, and the partitions' next writes
   * for a second take the lock first (as does a write of a partition new here). A handler that
   * refuses (throws) has the partitions' versions read back: if they moved, it runs again too.
   */
  private async transaction<T>(
    partitions: readonly string[],
    work: () => T | Promise<T>,
    /** When the write was asked for (`performance.now()`), when lock waits are measured. */
    queued: number,
  ): Promise<Outcome<T>> {
    if (partitions.every((p) => this.versions.has(p) && !this.isContended(p))) {
      const outcome = await this.claimed(partitions, work, queued);
      if (outcome !== STALE) return outcome;
      const until = performance.now() + CONTENDED_MS;
      for (const partition of partitions) this.contended.set(partition, until);
    }
    return this.locked(partitions, work, queued);
  }

  /** Whether a claim on `partition` failed recently: its writes wait for the lock instead. */
  private isContended(partition: string): boolean {
    const until = this.contended.get(partition);
    return until !== undefined && until > performance.now();
  }

  /** The one-round-trip write (see {@link transaction}); {@link STALE} when it must run again. */
  private async claimed<T>(
    partitions: readonly string[],
    work: () => T | Promise<T>,
    queued: number,
  ): Promise<Outcome<T> | typeof STALE> {
    // The connection first: this instance's readers see the handler's changes from the moment it
    // runs until the claim returns, so nothing but that one round trip may come in between (the
    // claim does not wait for a lock either: `NOWAIT`).
    const client = await this.connect();
    const queueMs = this.lockWait === undefined ? 0 : performance.now() - queued;
    const read = new Map(partitions.map((p) => [p, this.versions.get(p) ?? 0]));
    let ran: { result: T; context: WriteContext };
    try {
      ran = await this.held(partitions, work);
    } catch (error) {
      // A refusal counts only if the data it was judged on was the latest.
      let current: boolean;
      try {
        current = await this.isCurrent(client, partitions, read);
      } catch {
        client.release(true);
        throw storageUnavailable('PostgreSQL');
      }
      client.release();
      if (current) throw error;
      this.lockWait?.ranAgain();
      return STALE;
    }
    const { result, context } = ran;
    // Claimed even when nothing changed: what the handler decided (a job finding nothing to do)
    // counts only if the data it read was the latest.
    const { changes, versions } = this.changesAfter(context.touched, read);
    try {
      const { rows } = await client.query<{ waited: number }>(
        claimedWriteQuery(partitions, read, changes, versions),
      );
      this.lockWait?.record(queueMs, Number(rows[0]?.waited ?? 0));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const stale = code === STALE_CLAIM || code === LOCK_NOT_AVAILABLE;
      client.release(!stale);
      this.revert(context.touched);
      if (!stale) throw storageUnavailable('PostgreSQL');
      this.lockWait?.ranAgain();
      return STALE;
    }
    client.release();
    return this.committed(result, context, changes, versions);
  }

  /** A pooled connection (503 when PostgreSQL is away). */
  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch {
      throw storageUnavailable('PostgreSQL');
    }
  }

  /** Whether `partitions` are still at the versions `read` in PostgreSQL. */
  private async isCurrent(
    client: pg.PoolClient,
    partitions: readonly string[],
    read: ReadonlyMap<string, number>,
  ): Promise<boolean> {
    const { rows } = await client.query<{ partition: string; version: string }>(PARTITION_VERSIONS_SQL, [
      partitions,
    ]);
    return (
      rows.length === partitions.length && rows.every((r) => Number(r.version) === read.get(r.partition))
    );
  }

  /**
   * The write under its partitions' lock: pulls what other instances committed there, runs the
   * handler, saves and commits (two round trips).
   */
  private async locked<T>(
    partitions: readonly string[],
    work: () => T | Promise<T>,
    queued: number,
  ): Promise<Outcome<T>> {
    const client = await this.connect();
    const queueMs = this.lockWait === undefined ? 0 : performance.now() - queued;
    const locked = new Map<string, number>();
    try {
      const plan = lockStatement(client, partitions, this.versions, this.lockWait !== undefined);
      const results = (await client.query(plan.sql)) as unknown as pg.QueryResult[];
      this.applyRows((results[plan.rows]?.rows ?? []) as RecordRow[]);
      for (const row of (results[plan.locked]?.rows ?? []) as { partition: string; version: string }[])
        locked.set(row.partition, Number(row.version));
      this.recordLockWait(results, plan.clock, queueMs);
    } catch {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw storageUnavailable('PostgreSQL');
    }
    // Everything committed up to the locked version was pulled just now.
    for (const [partition, version] of locked) this.advance(partition, version);
    let ran: { result: T; context: WriteContext };
    try {
      ran = await this.held(partitions, work);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
      throw error;
    }
    const { result, context } = ran;
    const { changes, versions } = this.changesAfter(context.touched, locked);
    try {
      // One round trip: the changes and the commit (the partition stays locked until it returns).
      await client.query(
        changes.length > 0 ? `${saveStatement(client, changes, versions)}; COMMIT` : 'COMMIT',
      );
    } catch {
      this.revert(context.touched);
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw storageUnavailable('PostgreSQL');
    }
    client.release();
    return this.committed(result, context, changes, versions);
  }

  /**
   * Runs the handler holding `partitions` (its touches of their collections are recorded); a
   * handler that throws has its touched records restored.
   */
  private async held<T>(
    partitions: readonly string[],
    work: () => T | Promise<T>,
  ): Promise<{ result: T; context: WriteContext }> {
    const context: WriteContext = { partitions, touched: new Map(), held: [] };
    for (const partition of partitions) this.holders.set(partition, context);
    this.running++;
    try {
      const result = await work();
      this.release(context);
      return { result, context };
    } catch (error) {
      this.release(context);
      this.revert(context.touched);
      throw error;
    }
  }

  /** After the commit: remembers what was saved, advances the versions, starts the deliveries. */
  private committed<T>(
    result: T,
    context: WriteContext,
    changes: readonly RecordChange[],
    versions: Map<string, number>,
  ): Outcome<T> {
    for (const change of changes) {
      const kind = this.kinds.get(change.kind) as SyncedKind;
      const saved = this.saved.get(kind.collection) as Map<string, string>;
      if (change.json === null) saved.delete(change.id);
      else saved.set(change.id, change.json);
    }
    for (const [partition, version] of versions) this.advance(partition, version);
    for (const deliver of context.held) deliver();
    return { result, versions };
  }

  /** Records a lock wait measured by PostgreSQL's clock (`clock`: its two readings' results). */
  private recordLockWait(
    results: readonly pg.QueryResult[],
    clock: readonly [number, number] | undefined,
    queueMs: number,
  ): void {
    if (clock === undefined || this.lockWait === undefined) return;
    const at = (i: number) => Number((results[i]?.rows[0] as { t: number } | undefined)?.t ?? 0);
    this.lockWait.record(queueMs, (at(clock[1]) - at(clock[0])) * 1000);
  }

  /** Ends a write's hold on its partitions. */
  private release(context: WriteContext): void {
    for (const partition of context.partitions)
      if (this.holders.get(partition) === context) this.holders.delete(partition);
    this.running--;
  }

  private advance(partition: string, version: number): void {
    if (version > (this.versions.get(partition) ?? 0)) this.versions.set(partition, version);
    const behind = this.behind.get(partition);
    if (behind !== undefined && behind <= version) this.behind.delete(partition);
  }

  /**
   * Catches up with PostgreSQL's versions: the account registry now (authentication needs it on
   * every request), any other partition on its next request (see {@link behind}), so an instance
   * does not apply the writes of accounts it does not serve: with many instances, pulling every
   * partition here would make each of them apply every write.
   */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    // Expired contention marks go here, not on the write path.
    const now = performance.now();
    for (const [partition, until] of this.contended) if (until <= now) this.contended.delete(partition);
    try {
      const { rows } = await this.pool.query<{ partition: string; version: string }>(VERSIONS_SQL);
      for (const row of rows) {
        const version = Number(row.version);
        if (row.partition === GLOBAL_PARTITION) await this.catchUp(version);
        else if (
          version > Math.max(this.versions.get(row.partition) ?? 0, this.behind.get(row.partition) ?? 0)
        )
          this.behind.set(row.partition, version);
      }
    } catch {
      // The next tick tries again; requests meanwhile answer 503 on their own.
    } finally {
      this.polling = false;
    }
  }

  /** The touched records that changed, and each changed partition's version after `base`'s. */
  private changesAfter(
    touched: Touched,
    base: ReadonlyMap<string, number>,
  ): { changes: RecordChange[]; versions: Map<string, number> } {
    const changes = this.diff(touched);
    const versions = new Map<string, number>();
    for (const change of changes) versions.set(change.partition, (base.get(change.partition) ?? 0) + 1);
    return { changes, versions };
  }

  /** The touched records whose JSON differs from what was saved. */
  private diff(touched: Touched): RecordChange[] {
    const changes: RecordChange[] = [];
    for (const [collection, ids] of touched) {
      const kind = this.byCollection.get(collection);
      if (!kind) continue;
      const partition = this.partitionOf.get(collection) as string;
      const saved = this.saved.get(collection) as Map<string, string>;
      for (const id of this.idsOf(collection, ids)) {
        const item = collection.peek(id);
        const before = saved.get(id);
        if (item === undefined) {
          if (before !== undefined) changes.push({ kind: kind.kind, id, partition, json: null });
          continue;
        }
        const json = JSON.stringify(item);
        if (json !== before) changes.push({ kind: kind.kind, id, partition, json });
      }
    }
    return changes;
  }

  /** Puts the touched records back as they were saved (a failed handler or commit). */
  private revert(touched: Touched): void {
    for (const [collection, ids] of touched) {
      const kind = this.byCollection.get(collection);
      if (!kind) continue;
      const saved = this.saved.get(collection) as Map<string, string>;
      for (const id of this.idsOf(collection, ids)) {
        const json = saved.get(id);
        const item = collection.peek(id);
        if (item !== undefined && json !== undefined && JSON.stringify(item) === json) continue;
        this.applying = true;
        try {
          this.apply(kind, id, json === undefined ? null : JSON.parse(json));
        } finally {
          this.applying = false;
        }
      }
    }
  }

  private idsOf(collection: Collection<unknown>, touched: Set<string> | 'all'): Iterable<string> {
    if (touched !== 'all') return touched;
    const ids = new Set(collection.ids());
    for (const id of (this.saved.get(collection) as Map<string, string>).keys()) ids.add(id);
    return ids;
  }

  /** Applies the rows of `partition` committed after this instance's version of it. */
  private async pull(partition: string): Promise<void> {
    const { rows } = await this.pool.query<RecordRow>(PULL_SQL, [
      partition,
      this.versions.get(partition) ?? 0,
    ]);
    this.applyRows(rows);
  }

  private applyRows(rows: readonly RecordRow[]): void {
    this.applying = true;
    try {
      for (const row of rows) {
        const kind = this.kindOf(row.kind);
        if (kind) this.apply(kind, row.id, row.deleted ? null : row.data);
        this.advance(partitionOfKind(row.kind), Number(row.version));
      }
    } finally {
      this.applying = false;
    }
  }

  /**
   * Makes the in-memory record `id` equal to `data` (`null`: absent), keeping object identity (a
   * sealed collection's record is replaced instead).
   */
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
    if (existing !== undefined && !collection.sealed) {
      kind.before?.(existing);
      const target = existing as Record<string, unknown>;
      for (const key of Object.keys(target)) if (!(key in (data as object))) delete target[key];
      Object.assign(target, data);
      kind.after?.(existing);
      saved.set(id, JSON.stringify(existing));
    } else {
      // A sealed record is never changed: the pulled one takes its place.
      if (existing !== undefined) kind.before?.(existing);
      collection.insert(data);
      kind.after?.(data);
      saved.set(id, JSON.stringify(data));
    }
  }
}
