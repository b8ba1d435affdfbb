import type { Scope } from '@regen/contract/scopes';
import type { KeyEnvironment } from './api-key-secret.ts';

/** An API key as the stub stores it: the secret only as a SHA-256 digest. */
export interface ApiKeyRecord {
  readonly id: string;
  name: string;
  readonly environment: KeyEnvironment;
  scopes: Scope[];
  status: 'active' | 'inactive';
  readonly createdAt: string;
  expiresAt: string | null;
  /** Milliseconds of the last authenticated use; rendered as `lastUsedAt`. */
  lastUsedAtMs: number | null;
  keyPrefix: string;
  lastFour: string;
  /** SHA-256 hex of the current secret. */
  hash: string;
  /** SHA-256 hex of the secret replaced by the last rotation, valid until `previousExpiresAtMs`. */
  previousHash: string | null;
  previousExpiresAtMs: number | null;
  /** The user who owns the key (the account owner). */
  readonly ownerId: string;
  /** The account the key belongs to; `environment` is its mode there. */
  readonly accountId: string;
}
