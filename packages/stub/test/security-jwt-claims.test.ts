import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { JWT_AUDIENCE, JWT_ISSUER } from '../src/index.ts';
import { JWT_SECRET, useStub } from './support/stub.ts';

const ctx = useStub();

/** A well-signed access token of the demo owner with the given `iat` / `nbf` offsets (seconds from now). */
async function token(offsets: { iat?: number | null; nbf?: number }): Promise<string> {
  const me = await ctx.client.get('/api/v1/users/me');
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ scope: 'read:*' })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setSubject(me.body.data.id)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setExpirationTime(now + 7200)
    .setJti(`t-${Math.random()}`);
  if (offsets.iat !== null) jwt = jwt.setIssuedAt(now + (offsets.iat ?? 0));
  if (offsets.nbf !== undefined) jwt = jwt.setNotBefore(now + offsets.nbf);
  return jwt.sign(new TextEncoder().encode(JWT_SECRET));
}

// "Security": JWTs. A token dated beyond the clock-skew leeway (e.g. a day ahead) is refused.
describe('JWT iat / nbf beyond the clock-skew leeway are refused', () => {
  it('accepts a token from now, or a few seconds ahead (clock skew)', async () => {
    for (const offsets of [{}, { iat: 10 }, { nbf: 10 }]) {
      const reply = await ctx.client.get('/api/v1/orders?limit=1', { bearer: await token(offsets) });
      expect(reply.status, JSON.stringify(offsets)).toBe(200);
    }
  });

  it('refuses iat a day (or two minutes) ahead, nbf in the future, and a missing iat', async () => {
    for (const offsets of [{ iat: 86_400 }, { iat: 120 }, { nbf: 3600 }, { iat: null }]) {
      const reply = await ctx.client.get('/api/v1/orders?limit=1', { bearer: await token(offsets) });
      expect(reply.status, JSON.stringify(offsets)).toBe(401);
      expect(reply.body.error.code).toBe('invalid_token');
    }
  });
});
