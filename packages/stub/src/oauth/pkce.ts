import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 §4.6: `BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge` for method S256. */
export function verifyPkceS256(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** The S256 challenge of a verifier (what a client sends to `/oauth/authorize`). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
