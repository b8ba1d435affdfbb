import { base64url } from '../internal/base64url.ts';

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** A PKCE code verifier: `length` (43–128) random unreserved characters (RFC 7636 §4.1). */
export function generateCodeVerifier(length = 64): string {
  if (length < 43 || length > 128)
    throw new RangeError('A code verifier has 43 to 128 characters (RFC 7636 §4.1).');
  // 66 symbols: rejection sampling below 198 (3 × 66) keeps every symbol equally likely.
  let out = '';
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length))) {
      if (b < 198 && out.length < length) out += UNRESERVED[b % 66];
    }
  }
  return out;
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)) (RFC 7636 §4.2). */
export async function computeCodeChallenge(codeVerifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return base64url(new Uint8Array(digest));
}

/** A fresh verifier and its S256 challenge. */
export async function createPkcePair(): Promise<{
  /** The verifier to keep and send with the code exchange (RFC 7636 §4.1). */
  codeVerifier: string;
  /** Its S256 challenge, for the authorization URL (RFC 7636 §4.2). */
  codeChallenge: string;
  /** Always `S256`. */
  codeChallengeMethod: 'S256';
}> {
  const codeVerifier = generateCodeVerifier();
  return {
    codeVerifier,
    codeChallenge: await computeCodeChallenge(codeVerifier),
    codeChallengeMethod: 'S256',
  };
}
