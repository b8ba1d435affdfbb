import { describe, expect, it } from 'vitest';
import { digestApiKey, hashApiKey, secretsEqual } from './api-key-secret.ts';
import { digestOnConnection } from './connection-digest.ts';

const KEY_A = `rg_test_${'A'.repeat(32)}`;
const KEY_B = `rg_test_${'A'.repeat(31)}B`;

describe('digestOnConnection', () => {
  it('gives each key its own digest, on one connection and across connections', () => {
    const connection = {};
    const other = {};
    for (const [key, on] of [
      [KEY_A, connection],
      [KEY_A, connection],
      [KEY_B, connection],
      [KEY_A, other],
      [KEY_B, other],
      [KEY_A, connection],
      [KEY_B, undefined],
    ] as const) {
      const digest = digestOnConnection(key, on);
      expect(digest.bytes.equals(digestApiKey(key)), key).toBe(true);
      expect(digest.hex, key).toBe(hashApiKey(key));
    }
  });
});

describe('secretsEqual', () => {
  it('is equality of strings', () => {
    expect(secretsEqual(KEY_A, `rg_test_${'A'.repeat(32)}`)).toBe(true);
    expect(secretsEqual(KEY_A, KEY_B)).toBe(false);
    expect(secretsEqual(KEY_A, KEY_A.slice(0, -1))).toBe(false);
    expect(secretsEqual('', '')).toBe(true);
    expect(secretsEqual('b', 'c')).toBe(false);
  });
});
