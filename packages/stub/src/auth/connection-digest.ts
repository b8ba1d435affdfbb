import { type KeyDigest, keyDigest, secretsEqual } from './api-key-secret.ts';

interface LastKey {
  readonly secret: string;
  readonly digest: KeyDigest;
}

const lastKeyOf = new WeakMap<object, LastKey>();

/**
 * {@link keyDigest}, remembering the last key each connection presented: a client sends the
 * same key on every request of its keep-alive connection, and the SHA-256 was the largest single
 * cost of an authenticated request. Only the digest is remembered, never whether the key is valid
 * (a revoked key is refused on its next request), and only per connection: the remembered secret
 * is the one this connection sent last, compared in constant time, and goes with the connection.
 */
export function digestOnConnection(secret: string, connection: object | undefined): KeyDigest {
  if (connection === undefined) return keyDigest(secret);
  const last = lastKeyOf.get(connection);
  if (last !== undefined && secretsEqual(last.secret, secret)) return last.digest;
  const digest = keyDigest(secret);
  lastKeyOf.set(connection, { secret, digest });
  return digest;
}
