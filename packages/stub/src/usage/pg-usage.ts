import type pg from 'pg';
import type { Logger } from '../log/logger.ts';
import { countRequest, emptyCounts, MINUTE_MS, type MinuteCounts, selectorsOf } from './minute-counts.ts';
import { type RequestRecord, statusClassOf } from './request-record.ts';
import {
  type LogPage,
  type LogQuery,
  type MinuteQuery,
  RETENTION_MS,
  type UsagePartition,
  type UsagePort,
} from './usage-port.ts';

/** How often queued records are written (a read of this instance writes its queue first). */
const FLUSH_MS = 200;
/** A queue this long is written at once. */
const FLUSH_AT = 1000;

const INSERT_LOG = `INSERT INTO regen_request_log
  (account_id, mode, at_ms, request_id, method, operation_id, path, status, status_class, duration_ms,
   credential_type, credential_id, key_prefix, client_address, user_agent, error_code)
  SELECT * FROM json_to_recordset($1::json) AS r(account_id text, mode text, at_ms bigint, request_id text,
    method text, operation_id text, path text, status smallint, status_class text, duration_ms real,
    credential_type text, credential_id text, key_prefix text, client_address text, user_agent text, error_code text)`;

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

interface LogRow {
  seq: string;
  account_id: string;
  mode: 'test' | 'live';
  at_ms: string;
  request_id: string;
  method: string;
  operation_id: string;
  path: string;
  status: number;
  duration_ms: number;
  credential_type: RequestRecord['credentialType'];
  credential_id: string;
  key_prefix: string | null;
  client_address: string;
  user_agent: string | null;
  error_code: string | null;
}

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

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  record(record: RequestRecord): void {
    this.queue.push(record);
    if (this.queue.length >= FLUSH_AT) void this.flush();
  }

  /** Writes the queue (after any write already under way), never throwing: a lost batch is logged once. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (this.queue.length === 0) return;
      const batch = this.queue;
      this.queue = [];
      try {
        await this.pool.query(INSERT_LOG, [JSON.stringify(batch.map(logRow))]);
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
    const params: unknown[] = [at.accountId, at.mode, Date.now() - RETENTION_MS];
    const where = ['account_id = $1', 'mode = $2', 'at_ms >= $3'];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replaceAll('$?', `$${params.length}`));
    };
    if (query.before !== undefined) {
      params.push(query.before.atMs, query.before.seq);
      where.push(`(at_ms, seq) < ($${params.length - 1}, $${params.length})`);
    }
    if (query.keyId !== undefined) add(`credential_type = 'api_key' AND credential_id = $?`, query.keyId);
    if (query.status !== undefined) add('status_class = $?', query.status);
    if (query.operationId !== undefined) add('operation_id = $?', query.operationId);
    if (query.fromMs !== undefined) add('at_ms >= $?', query.fromMs);
    if (query.toMs !== undefined) add('at_ms < $?', query.toMs);
    params.push(query.limit + 1);
    const { rows } = await this.pool.query<LogRow>(
      `SELECT * FROM regen_request_log WHERE ${where.join(' AND ')} ORDER BY at_ms DESC, seq DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    const last = page[page.length - 1];
    return {
      records: page.map(recordOf),
      next: more && last !== undefined ? { atMs: Number(last.at_ms), seq: Number(last.seq) } : null,
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

function logRow(r: RequestRecord) {
  return {
    account_id: r.accountId,
    mode: r.mode,
    at_ms: r.atMs,
    request_id: r.requestId,
    method: r.method,
    operation_id: r.operationId,
    path: r.path,
    status: r.status,
    status_class: statusClassOf(r.status),
    duration_ms: r.durationMs,
    credential_type: r.credentialType,
    credential_id: r.credentialId,
    key_prefix: r.keyPrefix,
    client_address: r.clientAddress,
    user_agent: r.userAgent,
    error_code: r.errorCode,
  };
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

function recordOf(row: LogRow): RequestRecord {
  return {
    accountId: row.account_id,
    mode: row.mode,
    atMs: Number(row.at_ms),
    requestId: row.request_id,
    method: row.method,
    operationId: row.operation_id,
    path: row.path,
    status: row.status,
    durationMs: Math.round(row.duration_ms * 100) / 100,
    credentialType: row.credential_type,
    credentialId: row.credential_id,
    keyPrefix: row.key_prefix,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    errorCode: row.error_code,
  };
}
