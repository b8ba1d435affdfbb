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
  response: StoredResponse | undefined;
  expiresAt: number;
}

/** Where idempotency keys live: in memory (one instance) or in Redis (shared by many). */
export interface IdempotencyPort {
  begin(key: string, fingerprint: string): MaybePromise<IdempotencyOutcome>;
}

/** Keys are remembered for 24 hours, as Stripe does. */
export const TTL_MS = 24 * 3_600_000;

/**
 * Idempotency keys per credential (draft-ietf-httpapi-idempotency-key-header): the first
 * request with a key runs; a repeat with the same fingerprint replays its response, a repeat
 * with another fingerprint is refused, a repeat while the first still runs is told to retry.
 */
export class IdempotencyStore implements IdempotencyPort {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts or matches the request `fingerprint` under `key` (already scoped to the credential). */
  begin(key: string, fingerprint: string): IdempotencyOutcome {
    const now = this.now();
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > now) {
      if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (existing.response === undefined) return { kind: 'in_flight' };
      return { kind: 'replay', response: existing.response };
    }
    const entry: Entry = { fingerprint, response: undefined, expiresAt: now + TTL_MS };
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
}
