import type pg from 'pg';
import type { Logger } from '../log/logger.ts';
import { isOlder, matches } from './log-filter.ts';
import { countRequest, emptyCounts, MINUTE_MS, type MinuteCounts, selectorsOf } from './minute-counts.ts';
import type { RequestRecord } from './request-record.ts';
import {
  type LogPage,
  type LogQuery,
  type MinuteQuery,
  RETENTION_MS,
  type UsagePartition,
  type UsagePort,
} from './usage-port.ts';

/** How often queued records are written (a read of this instance writes its queue first). */
const FLUSH_MS = 500;
/** A queue this long is written at once. */
const FLUSH_AT = 1000;

/** One row per batch and partition, each value its own parameter (the entries' JSON text is sent and stored as is). */
function insertLog(rows: number): string {
  const values = Array.from({ length: rows }, (_, r) => {
    const n = r * 6;
    return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6})`;
  });
  return `INSERT INTO regen_request_log (account_id, mode, first_at_ms, last_at_ms, entries_count, entries)
  VALUES ${values.join(', ')}`;
}

/** Counts of a batch added to the stored minute (histograms element by element). */
const UPSERT_MINUTES = `INSERT INTO regen_usage_minutes AS t
  (account_id, mode, selector, minute, status_2xx, status_4xx, status_429, status_5xx, histogram)
  SELECT * FROM json_to_recordset($1::json) AS r(account_id text, mode text, selector text, minute integer,
    status_2xx integer, status_4xx integer, status_429 integer, status_5xx integer, histogram integer[])
  ON CONFLICT (account_id, mode, selector, minute) DO UPDATE SET
    status_2xx = t.status_2xx + EXCLUDED.status_2xx,
    status_4xx = t.status_4xx + EXCLUDED.status_4xx,
    status_429 = t.status_429 + EXCLUDED.status_429,
    status_5xx = t.status_5xx + EXCLUDED.status_5xx,
    histogram = (SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY i)
                 FROM unnest(t.histogram, EXCLUDED.histogram) WITH ORDINALITY AS u(a, b, i))`;

/**
 * A stored entry: an array rather than an object, so a batch's JSON holds no repeated names:
 * [atMs, requestId, method, operationId, path, status, durationMs, credentialType, credentialId,
 * keyPrefix, clientAddress, userAgent, errorCode].
 */
type Tuple = [
  number,
  string,
  string,
  string,
  string,
  number,
  number,
  RequestRecord['credentialType'],
  string,
  string | null,
  string,
  string | null,
  string | null,
];

interface ChunkRow {
  chunk_id: string;
  entries: string;
}

/** Entries per batch stay below this, so `chunk_id × SEQ_SPAN + index` orders every entry. */
const SEQ_SPAN = 10_000;
/** Most entries in one stored batch (a queue that grew during a slow write is split). */
const CHUNK_MAX = 5_000;

interface MinuteRow {
  minute: number;
  status_2xx: number;
  status_4xx: number;
  status_429: number;
  status_5xx: number;
  histogram: number[];
}

/**
 * Usage in PostgreSQL, shared by every instance: requests are queued in memory and written in
 * batches (one statement for the log, one upsert for the minutes), so recording costs the request
 * nothing but a push. The database enforces the retention (migration 004).
 */
export class PgUsage implements UsagePort {
  private queue: RequestRecord[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private failedOnce = false;
  private early = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(record: RequestRecord): void {
    this.queue.push(record);
    // One early write at a time: a busy second must not chain a flush per request.
    if (this.queue.length >= FLUSH_AT && !this.early) {
      this.early = true;
      void this.flush().finally(() => {
        this.early = false;
      });
    }
  }

  /** Writes the queue (after any write already under way), never throwing: a lost batch is logged once. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.queue.length === 0) return;
      const batch = this.queue;
      this.queue = [];
      try {
        const chunks = chunkRows(batch);
        await this.pool.query(
          insertLog(chunks.length),
          chunks.flatMap((c) => [
            c.account_id,
            c.mode,
            c.first_at_ms,
            c.last_at_ms,
            c.entries_count,
            c.entries,
          ]),
        );
        await this.pool.query(UPSERT_MINUTES, [JSON.stringify(minuteRows(batch))]);
      } catch (error) {
        if (!this.failedOnce)
          this.logger.warn('usage records not written', {
            count: batch.length,
            error: (error as Error).message,
          });
        this.failedOnce = true;
      }
    });
    return this.writing;
  }

  async log(at: UsagePartition, query: LogQuery): Promise<LogPage> {
    await this.flush();
    const oldest = Date.now() - RETENTION_MS;
    const { rows } = await this.pool.query<ChunkRow>(
      `SELECT chunk_id, entries FROM regen_request_log
       WHERE account_id = $1 AND mode = $2 AND last_at_ms >= $3 AND ($4::bigint IS NULL OR first_at_ms <= $4)
       ORDER BY chunk_id DESC`,
      [at.accountId, at.mode, Math.max(oldest, query.fromMs ?? 0), query.before?.atMs ?? null],
    );
    // Batches of several instances interleave in time: flatten, filter, then order by time.
    const found: { record: RequestRecord; seq: number }[] = [];
    for (const row of rows) {
      const base = Number(row.chunk_id) * SEQ_SPAN;
      (JSON.parse(row.entries) as Tuple[]).forEach((tuple, index) => {
        const record = recordOf(at, tuple);
        const seq = base + index;
        if (record.atMs < oldest || !matches(record, query)) return;
        if (query.before !== undefined && !isOlder(record.atMs, seq, query.before)) return;
        found.push({ record, seq });
      });
    }
    found.sort((a, b) => b.record.atMs - a.record.atMs || b.seq - a.seq);
    const page = found.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      records: page.map((f) => f.record),
      next:
        found.length > query.limit && last !== undefined ? { atMs: last.record.atMs, seq: last.seq } : null,
    };
  }

  async minutes(at: UsagePartition, query: MinuteQuery): Promise<Iterable<[number, MinuteCounts]>> {
    await this.flush();
    const oldest = Math.floor((Date.now() - RETENTION_MS) / MINUTE_MS);
    const { rows } = await this.pool.query<MinuteRow>(
      `SELECT minute, status_2xx, status_4xx, status_429, status_5xx, histogram FROM regen_usage_minutes
       WHERE account_id = $1 AND mode = $2 AND selector = $3 AND minute >= $4 AND minute < $5`,
      [at.accountId, at.mode, query.selector, Math.max(query.fromMinute, oldest), query.toMinute],
    );
    return rows.map((row) => [
      row.minute,
      {
        status2xx: row.status_2xx,
        status4xx: row.status_4xx,
        status429: row.status_429,
        status5xx: row.status_5xx,
        histogram: Uint32Array.from(row.histogram),
      },
    ]);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** The batch as one row per partition (entries in arrival order). */
function chunkRows(batch: readonly RequestRecord[]) {
  const byPartition = new Map<string, RequestRecord[]>();
  for (const r of batch) {
    const key = `${r.accountId}\n${r.mode}`;
    const list = byPartition.get(key);
    if (list === undefined) byPartition.set(key, [r]);
    else list.push(r);
  }
  const chunks: RequestRecord[][] = [];
  for (const records of byPartition.values())
    for (let i = 0; i < records.length; i += CHUNK_MAX) chunks.push(records.slice(i, i + CHUNK_MAX));
  return chunks.map((records) => {
    const first = records[0] as RequestRecord;
    return {
      account_id: first.accountId,
      mode: first.mode,
      first_at_ms: Math.min(...records.map((r) => r.atMs)),
      last_at_ms: Math.max(...records.map((r) => r.atMs)),
      entries_count: records.length,
      entries: JSON.stringify(records.map(tupleOf)),
    };
  });
}

function tupleOf(r: RequestRecord): Tuple {
  return [
    r.atMs,
    r.requestId,
    r.method,
    r.operationId,
    r.path,
    r.status,
    r.durationMs,
    r.credentialType,
    r.credentialId,
    r.keyPrefix,
    r.clientAddress,
    r.userAgent,
    r.errorCode,
  ];
}

/** The batch added up per partition, selector and minute (one row each, as the upsert needs). */
function minuteRows(batch: readonly RequestRecord[]) {
  const rows = new Map<string, { key: [string, string, string, number]; counts: MinuteCounts }>();
  for (const r of batch) {
    const minute = Math.floor(r.atMs / MINUTE_MS);
    for (const selector of selectorsOf(r)) {
      const id = `${r.accountId}\n${r.mode}\n${selector}\n${minute}`;
      let row = rows.get(id);
      if (row === undefined) {
        row = { key: [r.accountId, r.mode, selector, minute], counts: emptyCounts() };
        rows.set(id, row);
      }
      countRequest(row.counts, r.status, r.durationMs);
    }
  }
  return [...rows.values()].map(({ key: [account_id, mode, selector, minute], counts }) => ({
    account_id,
    mode,
    selector,
    minute,
    status_2xx: counts.status2xx,
    status_4xx: counts.status4xx,
    status_429: counts.status429,
    status_5xx: counts.status5xx,
    histogram: [...counts.histogram],
  }));
}

function recordOf(at: UsagePartition, t: Tuple): RequestRecord {
  return {
    accountId: at.accountId,
    mode: at.mode,
    atMs: t[0],
    requestId: t[1],
    method: t[2],
    operationId: t[3],
    path: t[4],
    status: t[5],
    durationMs: t[6],
    credentialType: t[7],
    credentialId: t[8],
    keyPrefix: t[9],
    clientAddress: t[10],
    userAgent: t[11],
    errorCode: t[12],
  };
}
