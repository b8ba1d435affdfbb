import type { Mode, RequestLogEntry, StatusClass } from '@regen/contract';
import type { CredentialType } from '../auth/principal.ts';

/** One logged request, as the stores keep it (the contract's `RequestLogEntry` plus its place). */
export interface RequestRecord {
  readonly accountId: string;
  readonly mode: Mode;
  /** When the answer was sent (Unix ms); the log is ordered by it. */
  readonly atMs: number;
  readonly requestId: string;
  readonly method: string;
  readonly operationId: string;
  /** The operation's path template: never ids, a query string or anything the caller sent. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly credentialType: CredentialType;
  readonly credentialId: string;
  readonly keyPrefix: string | null;
  readonly clientAddress: string;
  readonly userAgent: string | null;
  readonly errorCode: string | null;
}

/** The status class a response counts in (`4xx` excludes 429; anything below 400 counts as `2xx`). */
export function statusClassOf(status: number): StatusClass {
  if (status === 429) return '429';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  return '2xx';
}

/** The contract's view of a record. */
export function entryOf(record: RequestRecord): RequestLogEntry {
  return {
    requestId: record.requestId,
    createdAt: new Date(record.atMs).toISOString(),
    mode: record.mode,
    method: record.method as RequestLogEntry['method'],
    operationId: record.operationId,
    path: record.path,
    status: record.status,
    durationMs: record.durationMs,
    credential: { type: record.credentialType, id: record.credentialId, keyPrefix: record.keyPrefix },
    clientAddress: record.clientAddress,
    userAgent: record.userAgent,
    errorCode: record.errorCode,
  };
}
