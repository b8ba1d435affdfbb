import type { ChaosRates, FaultKind } from '../config/chaos-rates.ts';
import { FAULT_DEFAULTS, type Fault, HUGE_RETRY_AFTER } from './fault.ts';
import { parseFaultHeader } from './parse-fault-header.ts';

/** Length of a run of 503s started at random. */
const RANDOM_503_RUN = 3;
const RANDOM_ORDER: readonly FaultKind[] = [
  '503',
  '429',
  'reset',
  'truncate',
  'slow',
  'hang',
  'expire-token',
];

/**
 * Decides the fault of each request in chaos mode: the `Regen-Fault` header first, then the
 * random rates of `--chaos`. A header fault with `count=N` hits N consecutive matching
 * requests (same client, route and header), lets the next one through, then starts over,
 * so a client that retries with the same header sees a run of failures and then a success.
 */
export class ChaosEngine {
  private readonly cycles = new Map<string, number>();
  private readonly runs = new Map<string, number>();

  constructor(
    private readonly rates: ChaosRates,
    private readonly random: () => number = Math.random,
  ) {}

  /** Throws a `RangeError` for a malformed header. `random` is false for routes exempt from random faults. */
  decide(header: string | undefined, client: string, route: string, random: boolean): Fault | undefined {
    if (header !== undefined && header.trim() !== '') {
      const fault = parseFaultHeader(header);
      const key = `${client} ${route} ${header}`;
      const given = this.cycles.get(key) ?? 0;
      if (given < fault.count) {
        this.cycles.set(key, given + 1);
        return fault;
      }
      this.cycles.delete(key);
      return undefined;
    }
    return random ? this.randomFault(client) : undefined;
  }

  private randomFault(client: string): Fault | undefined {
    const run = this.runs.get(client);
    if (run !== undefined) {
      if (run <= 1) this.runs.delete(client);
      else this.runs.set(client, run - 1);
      return { kind: '503', ...FAULT_DEFAULTS, retryAfter: 1 };
    }
    for (const kind of RANDOM_ORDER) {
      const rate = this.rates[kind];
      if (rate === undefined || rate <= 0 || this.random() >= rate) continue;
      if (kind === '503') this.runs.set(client, RANDOM_503_RUN - 1);
      if (kind === '429') return { kind, ...FAULT_DEFAULTS, ...this.randomRetryAfter() };
      return { kind, ...FAULT_DEFAULTS, retryAfter: 1 };
    }
    return undefined;
  }

  private randomRetryAfter(): Pick<Fault, 'retryAfter' | 'retryAfterFormat'> {
    const draw = this.random();
    if (draw < 0.1) return { retryAfter: HUGE_RETRY_AFTER, retryAfterFormat: 'seconds' };
    if (draw < 0.2) return { retryAfter: 2, retryAfterFormat: 'date' };
    return { retryAfter: 1 + Math.floor(this.random() * 3), retryAfterFormat: 'seconds' };
  }
}

/** Formats `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an IMF-fixdate. */
export function formatRetryAfter(seconds: number, format: 'seconds' | 'date', now = Date.now()): string {
  return format === 'date' ? new Date(now + seconds * 1000).toUTCString() : String(seconds);
}
