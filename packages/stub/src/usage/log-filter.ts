import { type RequestRecord, statusClassOf } from './request-record.ts';
import type { LogPosition, LogQuery } from './usage-port.ts';

/** Whether a record passes a log query's filters (the cursor aside). */
export function matches(r: RequestRecord, query: LogQuery): boolean {
  if (query.keyId !== undefined && (r.credentialType !== 'api_key' || r.credentialId !== query.keyId))
    return false;
  if (query.status !== undefined && statusClassOf(r.status) !== query.status) return false;
  if (query.operationId !== undefined && r.operationId !== query.operationId) return false;
  if (query.fromMs !== undefined && r.atMs < query.fromMs) return false;
  if (query.toMs !== undefined && r.atMs >= query.toMs) return false;
  return true;
}

/** Whether a record's place comes strictly after (older than) a cursor's. */
export function isOlder(atMs: number, seq: number, than: LogPosition): boolean {
  return atMs < than.atMs || (atMs === than.atMs && seq < than.seq);
}
