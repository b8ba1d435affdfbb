import { isOlder, matches } from './log-filter.ts';
import { ALL, countRequest, emptyCounts, MINUTE_MS, type MinuteCounts } from './minute-counts.ts';
import type { RequestRecord } from './request-record.ts';
import {
  LOG_CAP,
  type LogPage,
  type LogQuery,
  type MinuteQuery,
  RETENTION_MS,
  type UsagePartition,
  type UsagePort,
} from './usage-port.ts';

/** A record with its arrival number (ties of `atMs` are broken by it). */
interface Logged {
  readonly seq: number;
  readonly record: RequestRecord;
}

/** The log (a ring of the last `LOG_CAP`) and the per-minute counts of one account and mode. */
class PartitionUsage {
  private readonly ring: (Logged | undefined)[] = [];
  private head = 0;
  private seq = 0;
  /** minute → selector → counts; minutes arrive in increasing order (Map keeps insertion order). */
  readonly minutes = new Map<number, Map<string, MinuteCounts>>();
  private lastMinute = -1;

  add(record: RequestRecord): void {
    const logged: Logged = { seq: this.seq++, record };
    if (this.ring.length < LOG_CAP) this.ring.push(logged);
    else {
      this.ring[this.head] = logged;
      this.head = (this.head + 1) % LOG_CAP;
    }
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

  /**
   * Newest first, from the entry just before arrival number `beforeSeq` (a cursor's): the ring
   * holds consecutive arrival numbers, so that entry's place is computed, not searched.
   */
  *newestFirst(beforeSeq = this.seq): Generator<Logged> {
    const n = this.ring.length;
    const oldestSeq = this.seq - n;
    const start = Math.min(beforeSeq, this.seq) - 1;
    const oldestIndex = n < LOG_CAP ? 0 : this.head;
    for (let s = start; s >= oldestSeq; s--) {
      const logged = this.ring[(oldestIndex + (s - oldestSeq)) % n];
      if (logged !== undefined) yield logged;
    }
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
      partition = new PartitionUsage();
      modes[record.mode] = partition;
    }
    partition.add(record);
  }

  private partition(at: UsagePartition): PartitionUsage | undefined {
    return this.partitions.get(at.accountId)?.[at.mode];
  }

  log(at: UsagePartition, query: LogQuery): LogPage {
    const partition = this.partition(at);
    if (partition === undefined) return { records: [], next: null };
    const oldest = Date.now() - RETENTION_MS;
    const records: RequestRecord[] = [];
    let last: Logged | undefined;
    const before = query.before;
    for (const logged of partition.newestFirst(before?.seq)) {
      const r = logged.record;
      if (r.atMs < oldest) break;
      if (before !== undefined && !isOlder(r.atMs, logged.seq, before)) continue;
      if (!matches(r, query)) continue;
      if (records.length === query.limit)
        return { records, next: last === undefined ? null : { atMs: last.record.atMs, seq: last.seq } };
      records.push(r);
      last = logged;
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
