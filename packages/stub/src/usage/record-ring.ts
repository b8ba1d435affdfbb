import type { Mode } from '@regen/contract';
import type { CredentialType } from '../auth/principal.ts';
import type { RequestRecord } from './request-record.ts';

/**
 * The last `capacity` request records of one account and mode, kept field by field (one array
 * per field, written in place once full). A ring of record objects kept every request's record
 * alive through the garbage collector's copies until it was promoted, on every request; here a
 * request's record dies young, and a record is put together again only when the log is read.
 */
export class RecordRing {
  readonly #capacity: number;
  /** Arrival number of the next record: the ring holds the numbers `[next - size, next)`. */
  #next = 0;
  readonly #atMs: number[] = [];
  readonly #status: number[] = [];
  readonly #durationMs: number[] = [];
  readonly #requestId: string[] = [];
  readonly #method: string[] = [];
  readonly #operationId: string[] = [];
  readonly #path: string[] = [];
  readonly #credentialType: CredentialType[] = [];
  readonly #credentialId: string[] = [];
  readonly #keyPrefix: (string | null)[] = [];
  readonly #clientAddress: string[] = [];
  readonly #userAgent: (string | null)[] = [];
  readonly #errorCode: (string | null)[] = [];

  constructor(
    readonly accountId: string,
    readonly mode: Mode,
    capacity: number,
  ) {
    this.#capacity = capacity;
  }

  /** Arrival number of the next record (one more than the newest's). */
  get next(): number {
    return this.#next;
  }

  /** Arrival number of the oldest record still held. */
  get oldest(): number {
    return this.#next - this.#atMs.length;
  }

  /** Keeps `record` as the newest, dropping the oldest when full; returns its arrival number. */
  push(record: RequestRecord): number {
    const seq = this.#next++;
    const i = seq % this.#capacity;
    this.#atMs[i] = record.atMs;
    this.#status[i] = record.status;
    this.#durationMs[i] = record.durationMs;
    this.#requestId[i] = record.requestId;
    this.#method[i] = record.method;
    this.#operationId[i] = record.operationId;
    this.#path[i] = record.path;
    this.#credentialType[i] = record.credentialType;
    this.#credentialId[i] = record.credentialId;
    this.#keyPrefix[i] = record.keyPrefix;
    this.#clientAddress[i] = record.clientAddress;
    this.#userAgent[i] = record.userAgent;
    this.#errorCode[i] = record.errorCode;
    return seq;
  }

  /** When record `seq` arrived (Unix ms); `seq` must be held (`oldest <= seq < next`). */
  atMsOf(seq: number): number {
    return this.#atMs[seq % this.#capacity] as number;
  }

  /** Record `seq`, put together again; `seq` must be held (`oldest <= seq < next`). */
  get(seq: number): RequestRecord {
    const i = seq % this.#capacity;
    return {
      accountId: this.accountId,
      mode: this.mode,
      atMs: this.#atMs[i] as number,
      requestId: this.#requestId[i] as string,
      method: this.#method[i] as string,
      operationId: this.#operationId[i] as string,
      path: this.#path[i] as string,
      status: this.#status[i] as number,
      durationMs: this.#durationMs[i] as number,
      credentialType: this.#credentialType[i] as CredentialType,
      credentialId: this.#credentialId[i] as string,
      keyPrefix: this.#keyPrefix[i] ?? null,
      clientAddress: this.#clientAddress[i] as string,
      userAgent: this.#userAgent[i] ?? null,
      errorCode: this.#errorCode[i] ?? null,
    };
  }
}
