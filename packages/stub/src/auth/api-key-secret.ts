import { hash, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from '../http/request-id.ts';

/** Key environments and their prefixes (`rg_live_` / `rg_test_`). */
export type KeyEnvironment = 'live' | 'test';

/** Length of `keyPrefix`: the first 12 characters (the contract's "API keys"). */
export const KEY_PREFIX_LENGTH = 12;

const KEY_PATTERN = /^rg_(live|test)_[0-9A-Za-z]{32}$/;

/**
 * A new secret key: `rg_live_` or `rg_test_` + 32 base62 characters (≈190 bits of entropy,
 * so a fast hash such as SHA-256 is enough to store it; no password-style stretching needed).
 */
export function generateApiKey(environment: KeyEnvironment): string {
  return `rg_${environment}_${randomBase62(32)}`;
}

/** True when `value` has the shape of a Regen API key (used to tell keys from JWTs in `Bearer`). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith('rg_');
}

/** True when `value` is a well-formed key of this stub's format. */
export function isWellFormedApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/**
 * A presented key's SHA-256 digest, as bytes (compared in constant time) and as hex (the stored
 * form, which finds its record).
 */
export interface KeyDigest {
  readonly bytes: Buffer;
  readonly hex: string;
}

/** The SHA-256 digest of a key (one-shot `crypto.hash`: every authenticated request pays for it). */
export function digestApiKey(key: string): Buffer {
  return hash('sha256', key, 'buffer');
}

/** A presented key's digest in both forms (see {@link KeyDigest}). */
export function keyDigest(key: string): KeyDigest {
  const bytes = digestApiKey(key);
  return { bytes, hex: bytes.toString('hex') };
}

/** The stored form of a key: its SHA-256 digest, hex. */
export function hashApiKey(key: string): string {
  return digestApiKey(key).toString('hex');
}

/**
 * Whether two secrets are equal, in time that depends on their length only (never on where they
 * first differ), as `timingSafeEqual` compares digests.
 */
export function secretsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** Constant-time comparison of two digests. */
export function digestsEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
