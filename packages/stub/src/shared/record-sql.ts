import type pg from 'pg';

/** A row of `regen_records` as the instances read it. */
export interface RecordRow {
  kind: string;
  id: string;
  data: unknown;
  deleted: boolean;
  version: string;
}

/** A record to save: its kind, id, partition and JSON (`null`: deleted). */
export interface RecordChange {
  readonly kind: string;
  readonly id: string;
  readonly partition: string;
  readonly json: string | null;
}

const COLUMNS = 'kind, id, data, deleted, version';

/** PostgreSQL's clock, read twice around a lock to measure its wait. */
const CLOCK_SQL = 'SELECT extract(epoch FROM clock_timestamp())::float8 AS t';

/** Every live row and tombstone, each partition in commit order (an instance's first load). */
export const LOAD_ALL_SQL = `SELECT ${COLUMNS} FROM regen_records ORDER BY partition, version, pos`;

/** The rows of partition $1 committed after version $2, in commit order. */
export const PULL_SQL = `SELECT ${COLUMNS} FROM regen_records WHERE partition = $1 AND version > $2 ORDER BY version, pos`;

/** The version of every partition (the poller's safety net compares them with its own). */
export const VERSIONS_SQL = 'SELECT partition, version FROM regen_partitions';

/** What {@link lockStatement} returns, by position in its multi-statement result. */
export interface LockPlan {
  readonly sql: string;
  /** Index of the `FOR UPDATE` result (rows: partition, version). */
  readonly locked: number;
  /** Indexes of the `clock_timestamp()` results around it, when measured. */
  readonly clock: readonly [number, number] | undefined;
  /** Index of the pulled rows. */
  readonly rows: number;
}

/**
 * One round trip that opens a write: BEGIN, creates the partitions' version rows never seen by
 * this instance, locks the version rows of `partitions` (sorted: two writes over overlapping sets
 * take them in the same order and cannot deadlock), and reads what other instances committed
 * there since `known`. Literals are escaped (a multi-statement query takes no parameters).
 */
export function lockStatement(
  client: pg.ClientBase,
  partitions: readonly string[],
  known: ReadonlyMap<string, number>,
  measure: boolean,
): LockPlan {
  const lit = (s: string) => client.escapeLiteral(s);
  const parts: string[] = ['BEGIN'];
  const fresh = partitions.filter((p) => !known.has(p));
  if (fresh.length > 0)
    parts.push(
      `INSERT INTO regen_partitions (partition, version) VALUES ${fresh.map((p) => `(${lit(p)}, 0)`).join(', ')} ON CONFLICT (partition) DO NOTHING`,
    );
  const before = measure ? parts.push(CLOCK_SQL) - 1 : -1;
  const locked =
    parts.push(
      `SELECT partition, version FROM regen_partitions WHERE partition IN (${partitions.map(lit).join(', ')}) ORDER BY partition FOR UPDATE`,
    ) - 1;
  const after = measure ? parts.push(CLOCK_SQL) - 1 : -1;
  const since = partitions
    .map((p) => `(partition = ${lit(p)} AND version > ${Math.trunc(known.get(p) ?? 0)})`)
    .join(' OR ');
  const rows = parts.push(`SELECT ${COLUMNS} FROM regen_records WHERE ${since} ORDER BY version, pos`) - 1;
  return { sql: parts.join('; '), locked, clock: measure ? [before, after] : undefined, rows };
}

/** The SQLSTATE `regen_write` raises when a claimed partition moved on (migration 006). */
export const STALE_CLAIM = 'RG409';

/** PostgreSQL's `lock_not_available`: `regen_write` found a partition locked by another write. */
export const LOCK_NOT_AVAILABLE = '55P03';

/** The versions of the partitions in $1. */
export const PARTITION_VERSIONS_SQL =
  'SELECT partition, version FROM regen_partitions WHERE partition = ANY ($1)';

/**
 * The one statement that commits a write run on data this instance already held (migration 006,
 * `regen_write`): the claim of `partitions` at the versions the handler read (`read`), the
 * changes under their partitions' new `versions`. Prepared once per connection; its one row is
 * the wait for the partition locks, in ms.
 */
export function claimedWriteQuery(
  partitions: readonly string[],
  read: ReadonlyMap<string, number>,
  changes: readonly RecordChange[],
  versions: ReadonlyMap<string, number>,
): pg.QueryConfig {
  let records = '';
  for (const c of changes) {
    records += `${records === '' ? '' : ','}{"kind":${JSON.stringify(c.kind)},"id":${JSON.stringify(c.id)},"data":${c.json ?? 'null'},"deleted":${c.json === null},"version":${Math.trunc(versions.get(c.partition) ?? 0)}}`;
  }
  return {
    name: 'regen_write',
    text: 'SELECT regen_write($1, $2, $3, $4, $5) AS waited',
    values: [
      partitions,
      partitions.map((p) => Math.trunc(read.get(p) ?? 0)),
      `[${records}]`,
      [...versions.keys()],
      [...versions.values()].map(Math.trunc),
    ],
  };
}

/**
 * The statements that save `changes`: every changed record under its partition's new version
 * (`versions`), in order (`pos`), and those versions in `regen_partitions`. Literals are escaped,
 * so the caller can send them with its COMMIT in one round trip.
 */
export function saveStatement(
  client: pg.ClientBase,
  changes: readonly RecordChange[],
  versions: ReadonlyMap<string, number>,
): string {
  const lit = (s: string) => client.escapeLiteral(s);
  const version = (partition: string) => Math.trunc(versions.get(partition) ?? 0);
  const records = changes
    .map(
      (c) =>
        `(${lit(c.kind)}, ${lit(c.id)}, ${c.json === null ? 'NULL' : `${lit(c.json)}::json`}, ${c.json === null}, ${version(c.partition)})`,
    )
    .join(', ');
  const partitions = [...versions.keys()].map((p) => `(${lit(p)}, ${version(p)})`).join(', ');
  return `INSERT INTO regen_records (kind, id, data, deleted, version) VALUES ${records}
    ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = EXCLUDED.version;
    INSERT INTO regen_partitions (partition, version) VALUES ${partitions}
    ON CONFLICT (partition) DO UPDATE SET version = EXCLUDED.version`;
}
