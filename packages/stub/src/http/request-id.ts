import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` random base62 characters (rejection sampling, so every character is equally likely). */
export function randomBase62(n: number): string {
  let out = '';
  while (out.length < n) {
    for (const byte of randomBytes(n * 2)) {
      if (byte < 248 && out.length < n) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/**
 * Returns a generator of request ids `req_<boot><counter>`: unique per process without a
 * random draw per request (a random boot prefix keeps them unique across restarts).
 */
export function createRequestIdGenerator(): () => string {
  const prefix = `req_${randomBase62(10)}`;
  let counter = 0;
  return () => prefix + (++counter).toString(36).padStart(6, '0');
}
