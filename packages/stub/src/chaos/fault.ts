import type { FaultKind } from '../config/chaos-rates.ts';

/** One fault to inject into one response. */
export interface Fault {
  readonly kind: FaultKind;
  /** 429/503: `Retry-After` in seconds (absent: no header on 503, 1 s on 429). */
  readonly retryAfter?: number;
  /**
   * 429/503: also send `retry-after-ms` (the milliseconds form clients such as @regen/client read
   * before `Retry-After`); `Retry-After` is then `retryAfter`, else these milliseconds rounded up.
   */
  readonly retryAfterMs?: number;
  /** 429/503: send `Retry-After` as an HTTP date instead of seconds (RFC 9110 §10.2.3). */
  readonly retryAfterFormat: 'seconds' | 'date';
  /** slow: how long to wait before handling the request. */
  readonly delayMs: number;
  /** reset: drop the connection before the handler runs, or after (default: the work is done, the answer is lost). */
  readonly when: 'before' | 'after';
  /** How many consecutive matching requests get the fault before one passes (a "run"). */
  readonly count: number;
}

/** `Retry-After` used for `retry-after=huge`: one year, past any sane client cap. */
export const HUGE_RETRY_AFTER = 31_536_000;

/** Defaults of every fault parameter. */
export const FAULT_DEFAULTS: Omit<Fault, 'kind'> = {
  retryAfterFormat: 'seconds',
  delayMs: 2000,
  when: 'after',
  count: 1,
};
