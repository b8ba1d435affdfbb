import type { Mode, StatusClass } from '@regen/contract';
import type { MaybePromise } from '../shared/types.ts';
import type { MinuteCounts } from './minute-counts.ts';
import type { RequestRecord } from './request-record.ts';

/** An account's data of one mode: what a log or series query reads. */
export interface UsagePartition {
  readonly accountId: string;
  readonly mode: Mode;
}

/** Filters and page of a request-log query. */
export interface LogQuery {
  readonly limit: number;
  /** Only records strictly older than this place (decoded cursor). */
  readonly before?: LogPosition;
  readonly keyId?: string;
  readonly status?: StatusClass;
  readonly operationId?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

/** A record's place in the log: newest first by time, then by arrival. */
export interface LogPosition {
  readonly atMs: number;
  readonly seq: number;
}

/** A page of records, newest first, and the place of its last one when more follow. */
export interface LogPage {
  readonly records: readonly RequestRecord[];
  readonly next: LogPosition | null;
}

/** The minutes of a range, for one selector (`ALL` or an API key id). */
export interface MinuteQuery {
  readonly selector: string;
  /** Minute numbers (Unix ms / 60 000), `from` inclusive, `to` exclusive. */
  readonly fromMinute: number;
  readonly toMinute: number;
}

/**
 * Where requests are recorded and read back: in memory, or in PostgreSQL shared by every
 * instance. `record` is on every request's path: it only queues.
 */
export interface UsagePort {
  record(record: RequestRecord): void;
  log(partition: UsagePartition, query: LogQuery): MaybePromise<LogPage>;
  /** The non-empty minutes of the range, in any order. */
  minutes(partition: UsagePartition, query: MinuteQuery): MaybePromise<Iterable<[number, MinuteCounts]>>;
  /** Writes what is queued (PostgreSQL) and stops. */
  close(): Promise<void>;
}

/** How long the log and the series keep requests (the contract's "Usage": at least 7 days). */
export const RETENTION_MS = 7 * 86_400_000;
/** Most log entries kept per account and mode (the contract's "Usage": the last 10,000 at least). */
export const LOG_CAP = 10_000;
