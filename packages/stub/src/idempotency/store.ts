import type { MaybePromise } from '../shared/types.ts';

/** A response kept for replay. */
export interface StoredResponse {
  readonly status: number;
  readonly body: string;
  /** `Cache-Control` of the first response (`no-store` when it carried a secret), replayed with it. */
  readonly cacheControl?: string;
}

/** What to do with a request carrying an `Idempotency-Key`. */
export type IdempotencyOutcome =
  | {
      readonly kind: 'proceed';
      complete(response: StoredResponse): MaybePromise<void>;
      abandon(): MaybePromise<void>;
    }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'in_flight' }
  | { readonly kind: 'mismatch' };

interface Entry {
  readonly fingerprint: string;
  /** Set when the first request finished; `undefined` while it is in flight. */
  response: StoredResponse | undefined;
  readonly expiresAt: number;
}

/** Where idempotency keys live: in memory (one instance) or in Redis (shared by many). */
export interface IdempotencyPort {
  begin(key: string, fingerprint: string): MaybePromise<IdempotencyOutcome>;
}

/** Keys are remembered for 24 hours, as Stripe does. */
export const TTL_MS = 24 * 3_600_000;

/** Default of {@link IdempotencyStoreOptions.cap} (`--idempotency-cap`). */
export const DEFAULT_CAP = 100_000;

/** Expired records looked at per request when under the cap: bounded work, amortised eviction. */
const SWEEP_STEP = 4;

/** Options of {@link IdempotencyStore}. */
export interface IdempotencyStoreOptions {
  /** Records kept before expired ones are evicted, oldest first, to make room (`--idempotency-cap`). */
  readonly cap?: number;
  /** How long a record is kept (default {@link TTL_MS}). */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/**
 * Idempotency keys per credential (draft-ietf-httpapi-idempotency-key-header): the first
 * request with a key runs; a repeat with the same fingerprint replays its response, a repeat
 * with another fingerprint is refused, a repeat while the first still runs is told to retry.
 *
 * Memory is bounded by the TTL and a cap. Records live in a Map in insertion order, which is
 * also expiry order (every record gets the same TTL when created, and a reused key is moved to
 * the end), so expired records are always at the front: each request evicts up to
 * {@link SWEEP_STEP} of them from there, and at the cap expired ones are evicted, oldest first,
 * until the store is under it — never a scan of live records. A live record (unexpired, or still in
 * flight) is never dropped early: when the cap is reached with live records only, they are all
 * kept and the new record is added anyway, so the store grows past the cap until records expire
 * (dropping one would let a retry run the work twice; refusing the key would fail a request that
 * did nothing wrong). The request rate limits bound how fast that can happen.
 */
export class IdempotencyStore implements IdempotencyPort {
  private readonly entries = new Map<string, Entry>();
  private readonly cap: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /**
   * One iterator kept across calls: a new iterator would walk over the holes deleted entries
   * leave at the front of the Map's table (until it is rehashed), so a fresh one per call is not O(1).
   */
  private cursor: MapIterator<[string, Entry]> | undefined;
  /** The entry the cursor last returned and the sweep stopped at (not yet expired). */
  private held: [string, Entry] | undefined;

  constructor({ cap = DEFAULT_CAP, ttlMs = TTL_MS, now = Date.now }: IdempotencyStoreOptions = {}) {
    this.cap = cap;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** Records held, live or expired but not yet evicted. */
  get size(): number {
    return this.entries.size;
  }

  /** Starts or matches the request `fingerprint` under `key` (already scoped to the credential). */
  begin(key: string, fingerprint: string): IdempotencyOutcome {
    const now = this.now();
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > now) {
      if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (existing.response === undefined) return { kind: 'in_flight' };
      return { kind: 'replay', response: existing.response };
    }
    // An expired record of this key goes, so the new one is appended (expiry order stays insertion order).
    if (existing) this.entries.delete(key);
    this.sweep(now, this.entries.size >= this.cap);
    const entry: Entry = { fingerprint, response: undefined, expiresAt: now + this.ttlMs };
    this.entries.set(key, entry);
    return {
      kind: 'proceed',
      complete: (response) => {
        entry.response = response;
      },
      // A failed (5xx) or abandoned first attempt frees the key so the client can retry; once
      // the work is done (the client merely lost the answer) the result stays for replay.
      abandon: () => {
        if (entry.response === undefined && this.entries.get(key) === entry) this.entries.delete(key);
      },
    };
  }

  /**
   * Evicts expired records from the front and stops at the first unexpired one: at most
   * {@link SWEEP_STEP} records looked at, or, at the cap, as many as it takes to get under it.
   */
  private sweep(now: number, atCap: boolean): void {
    const budget = atCap ? this.entries.size : SWEEP_STEP;
    for (let looked = 0; looked < budget; looked++) {
      if (atCap && this.entries.size < this.cap) return;
      let next = this.held;
      this.held = undefined;
      if (next === undefined) {
        this.cursor ??= this.entries.entries();
        const step = this.cursor.next();
        if (step.done) {
          this.cursor = undefined;
          return;
        }
        next = step.value;
      }
      const [key, entry] = next;
      // Abandoned or replaced since the cursor passed it: nothing to evict.
      if (this.entries.get(key) !== entry) continue;
      if (entry.expiresAt > now) {
        this.held = next;
        return;
      }
      this.entries.delete(key);
      // Still in flight past its TTL (a request running for a day): kept, moved to the end.
      if (entry.response === undefined) this.entries.set(key, entry);
    }
  }
}
