import type { Mode } from '@regen/contract';
import { isOlder, matches } from './log-filter.ts';
import { ALL, countRequest, emptyCounts, MINUTE_MS, type MinuteCounts } from './minute-counts.ts';
import { RecordRing } from './record-ring.ts';
import type { RequestRecord } from './request-record.ts';
import {
  LOG_CAP,
  type LogPage,
  type LogPosition,
  type LogQuery,
  type MinuteQuery,
  RETENTION_MS,
  type UsagePartition,
  type UsagePort,
} from './usage-port.ts';

/** The log (a ring of the last `LOG_CAP`) and the per-minute counts of one account and mode. */
class PartitionUsage {
  readonly ring: RecordRing;
  /** minute → selector → counts; minutes arrive in increasing order (Map keeps insertion order). */
  readonly minutes = new Map<number, Map<string, MinuteCounts>>();
  private lastMinute = -1;

  constructor(accountId: string, mode: Mode) {
    this.ring = new RecordRing(accountId, mode, LOG_CAP);
  }

  add(record: RequestRecord): void {
    this.ring.push(record);
    const minute = Math.floor(record.atMs / MINUTE_MS);
    let bySelector = this.minutes.get(minute);
    if (bySelector === undefined) {
      bySelector = new Map();
      this.minutes.set(minute, bySelector);
      if (minute > this.lastMinute) {
        this.lastMinute = minute;
        this.evict(minute);
      }
    }
    count(bySelector, ALL, record);
    if (record.credentialType === 'api_key') count(bySelector, record.credentialId, record);
  }

  /** Drops the minutes older than the retention (a day's margin), oldest first. */
  private evict(minute: number): void {
    const oldest = minute - (RETENTION_MS + 86_400_000) / MINUTE_MS;
    for (const key of this.minutes.keys()) {
      if (key >= oldest) break;
      this.minutes.delete(key);
    }
  }
}

function count(bySelector: Map<string, MinuteCounts>, selector: string, record: RequestRecord): void {
  let counts = bySelector.get(selector);
  if (counts === undefined) {
    counts = emptyCounts();
    bySelector.set(selector, counts);
  }
  countRequest(counts, record.status, record.durationMs);
}

/** Usage kept in this process (the default; lost on restart, like the rest of the memory store). */
export class MemoryUsage implements UsagePort {
  /** By account, then mode (no key string built per request). */
  private readonly partitions = new Map<string, { test?: PartitionUsage; live?: PartitionUsage }>();

  record(record: RequestRecord): void {
    let modes = this.partitions.get(record.accountId);
    if (modes === undefined) {
      modes = {};
      this.partitions.set(record.accountId, modes);
    }
    let partition = modes[record.mode];
    if (partition === undefined) {
      partition = new PartitionUsage(record.accountId, record.mode);
      modes[record.mode] = partition;
    }
    partition.add(record);
  }

  private partition(at: UsagePartition): PartitionUsage | undefined {
    return this.partitions.get(at.accountId)?.[at.mode];
  }

  log(at: UsagePartition, query: LogQuery): LogPage {
    const ring = this.partition(at)?.ring;
    if (ring === undefined) return { records: [], next: null };
    const oldest = Date.now() - RETENTION_MS;
    const records: RequestRecord[] = [];
    let last: LogPosition | undefined;
    const before = query.before;
    // Newest first, from the entry just before the cursor's arrival number: the ring holds
    // consecutive arrival numbers, so that entry's place is computed, not searched.
    const start = Math.min(before?.seq ?? ring.next, ring.next) - 1;
    for (let seq = start; seq >= ring.oldest; seq--) {
      const atMs = ring.atMsOf(seq);
      if (atMs < oldest) break;
      if (before !== undefined && !isOlder(atMs, seq, before)) continue;
      const r = ring.get(seq);
      if (!matches(r, query)) continue;
      if (records.length === query.limit) return { records, next: last ?? null };
      records.push(r);
      last = { atMs, seq };
    }
    return { records, next: null };
  }

  minutes(at: UsagePartition, query: MinuteQuery): Iterable<[number, MinuteCounts]> {
    const partition = this.partition(at);
    const out: [number, MinuteCounts][] = [];
    if (partition === undefined) return out;
    const oldest = Math.floor((Date.now() - RETENTION_MS) / MINUTE_MS);
    for (const [minute, bySelector] of partition.minutes) {
      if (minute < query.fromMinute || minute >= query.toMinute || minute < oldest) continue;
      const counts = bySelector.get(query.selector);
      if (counts !== undefined) out.push([minute, counts]);
    }
    return out;
  }

  async close(): Promise<void> {}
}
