import type { Scope } from '@regen/contract/scopes';
import { Collection } from '../store/collection.ts';
import { newId } from '../store/ids.ts';
import type { ApiKeyRecord } from './api-key-record.ts';
import {
  digestsEqual,
  generateApiKey,
  hashApiKey,
  KEY_PREFIX_LENGTH,
  type KeyDigest,
  type KeyEnvironment,
} from './api-key-secret.ts';

/** Input of {@link ApiKeyRegistry.create}. */
export interface NewApiKey {
  readonly name: string;
  readonly scopes: Scope[];
  readonly environment: KeyEnvironment;
  readonly expiresAt: string | null;
  readonly ownerId: string;
  readonly accountId: string;
}

/** Where key uses are recorded and read across instances (PostgreSQL + Redis mode). */
export interface LastUsedPort {
  /** Records a use (cheap, not awaited). */
  record(keyId: string, atMs: number): void;
  /** The newest recorded use of each of these keys (absent: none recorded). */
  read(keyIds: readonly string[]): Promise<Map<string, number>>;
}

/** Why a presented key was refused (all answer 401 `invalid_api_key`; kept for logs). */
export type KeyRefusal = 'unknown' | 'inactive' | 'expired' | 'rotated';

/**
 * API keys: stored as SHA-256 digests, found by digest and compared in constant time.
 * A rotated key's previous digest stays valid for the grace period (the contract's "API keys": 5 minutes).
 */
export class ApiKeyRegistry {
  readonly keys: Collection<ApiKeyRecord>;
  private readonly byHash = new Map<string, ApiKeyRecord>();
  /** Digest bytes of every indexed hex digest, for the constant-time comparison. */
  private readonly digests = new Map<string, Buffer>();
  private readonly expiresAtMs = new WeakMap<ApiKeyRecord, number | null>();

  constructor(
    records: Iterable<ApiKeyRecord>,
    private readonly graceMs: number,
    private readonly onChange: () => void,
    /** Shared last uses (with PostgreSQL + Redis); without, each record has its own. */
    private readonly lastUsed?: LastUsedPort,
  ) {
    this.keys = new Collection(records);
    for (const record of this.keys.values()) this.index(record);
  }

  /** Creates a key; returns the record and the secret (shown once, never stored). */
  create(input: NewApiKey): { record: ApiKeyRecord; secret: string } {
    const secret = generateApiKey(input.environment);
    const record: ApiKeyRecord = {
      id: newId('key'),
      name: input.name,
      environment: input.environment,
      scopes: input.scopes,
      status: 'active',
      createdAt: new Date().toISOString(),
      expiresAt: input.expiresAt,
      lastUsedAtMs: null,
      keyPrefix: secret.slice(0, KEY_PREFIX_LENGTH),
      lastFour: secret.slice(-4),
      hash: hashApiKey(secret),
      previousHash: null,
      previousExpiresAtMs: null,
      ownerId: input.ownerId,
      accountId: input.accountId,
    };
    this.keys.insert(record);
    this.index(record);
    this.onChange();
    return { record, secret };
  }

  /** Replaces the secret; the old one keeps working for the grace period. */
  rotate(record: ApiKeyRecord): { secret: string; previousExpiresAtMs: number } {
    if (record.previousHash !== null) {
      this.byHash.delete(record.previousHash);
      this.digests.delete(record.previousHash);
    }
    const secret = generateApiKey(record.environment);
    record.previousHash = record.hash;
    record.previousExpiresAtMs = Date.now() + this.graceMs;
    record.hash = hashApiKey(secret);
    record.keyPrefix = secret.slice(0, KEY_PREFIX_LENGTH);
    record.lastFour = secret.slice(-4);
    this.index(record);
    this.onChange();
    return { secret, previousExpiresAtMs: record.previousExpiresAtMs };
  }

  /** Call after changing `expiresAt`, `scopes`, `status` or `name`. */
  updated(record: ApiKeyRecord): void {
    this.expiresAtMs.delete(record);
    this.onChange();
  }

  delete(record: ApiKeyRecord): void {
    this.keys.delete(record.id);
    for (const hex of [record.hash, record.previousHash]) {
      if (hex === null) continue;
      this.byHash.delete(hex);
      this.digests.delete(hex);
    }
    this.onChange();
  }

  /** Finds the live key for a presented secret's digest ({@link keyDigest}) and records its use, or says why it was refused. */
  authenticate(digest: KeyDigest, now: number): ApiKeyRecord | KeyRefusal {
    const record = this.byHash.get(digest.hex);
    if (!record) return 'unknown';
    if (!digestsEqual(digest.bytes, this.digestOf(record.hash))) {
      const previous = record.previousHash;
      if (previous === null || !digestsEqual(digest.bytes, this.digestOf(previous))) return 'unknown';
      if ((record.previousExpiresAtMs ?? 0) <= now) return 'rotated';
    }
    if (record.status !== 'active') return 'inactive';
    const expires = this.expiryOf(record);
    if (expires !== null && expires <= now) return 'expired';
    record.lastUsedAtMs = now;
    this.lastUsed?.record(record.id, now);
    return record;
  }

  /**
   * The key a presented secret's digest names, whatever its state (deactivated, expired, rotated
   * out): to record a refused use against it, never to grant anything.
   */
  named(digest: KeyDigest): ApiKeyRecord | undefined {
    const record = this.byHash.get(digest.hex);
    return record !== undefined && digestsEqual(digest.bytes, this.digestOf(digest.hex)) ? record : undefined;
  }

  /**
   * Runs `build` once `records` carry their newest `lastUsedAtMs`: synchronously in memory mode;
   * with shared last uses after reading them (this instance's value when Redis is away).
   */
  withLastUsed<T>(records: readonly ApiKeyRecord[], build: () => T): T | Promise<T> {
    const shared = this.lastUsed;
    if (shared === undefined || records.length === 0) return build();
    return shared.read(records.map((r) => r.id)).then(
      (latest) => {
        for (const record of records) {
          const ms = latest.get(record.id);
          if (ms !== undefined && (record.lastUsedAtMs === null || ms > record.lastUsedAtMs))
            record.lastUsedAtMs = ms;
        }
        return build();
      },
      () => build(),
    );
  }

  /** Before a record changes elsewhere (another instance, a rolled-back write): drops its digests. */
  unindex(record: ApiKeyRecord): void {
    for (const hex of [record.hash, record.previousHash]) {
      if (hex === null || this.byHash.get(hex) !== record) continue;
      this.byHash.delete(hex);
      this.digests.delete(hex);
    }
    this.expiresAtMs.delete(record);
  }

  /** After a record changed or appeared elsewhere: indexes its digests again. */
  reindex(record: ApiKeyRecord): void {
    this.index(record);
  }

  private digestOf(hex: string): Buffer {
    let bytes = this.digests.get(hex);
    if (!bytes) {
      bytes = Buffer.from(hex, 'hex');
      this.digests.set(hex, bytes);
    }
    return bytes;
  }

  private expiryOf(record: ApiKeyRecord): number | null {
    let ms = this.expiresAtMs.get(record);
    if (ms === undefined) {
      ms = record.expiresAt === null ? null : Date.parse(record.expiresAt);
      this.expiresAtMs.set(record, ms);
    }
    return ms;
  }

  private index(record: ApiKeyRecord): void {
    this.byHash.set(record.hash, record);
    if (record.previousHash !== null) this.byHash.set(record.previousHash, record);
  }
}
