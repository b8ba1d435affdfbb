import { describe, expect, it } from 'vitest';
import { useStub } from './support/stub.ts';

const ctx = useStub();

// "Security": errors never echo secrets.
// Node's JSON.parse message quotes the bytes around the error.
describe('malformed JSON errors describe the position, never the content', () => {
  const cases: readonly [path: string, body: string, secret: string][] = [
    ['/api/auth/login', '{"email":"demo@regen.test","password":hunter22}', 'hunter22'],
    ['/api/auth/login', '{"email":"a@b.c","password":"s3cr3t-pw', 's3cr3t-pw'],
    ['/api/v1/products', '[1,2,{"sku":"SUPERSECRET",}]', 'SUPERSECRET'],
    ['/oauth/token', '{"grant_type":"client_credentials","client_secret":cs_topsecret}', 'cs_topsecret'],
  ];
  for (const [path, body, secret] of cases) {
    it(`${path}: ${body.slice(0, 24)}…`, async () => {
      const reply = await ctx.client.call('POST', path, {
        rawBody: body,
        headers: { 'content-type': 'application/json' },
      });
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(secret);
      expect(reply.text).toMatch(/character \d+/);
    });
  }

  it('names line and column', async () => {
    const reply = await ctx.client.call('POST', '/api/auth/login', {
      key: null,
      rawBody: '{\n  "email": "x@y.z",\n  "password": hunter22\n}',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.body.error.message).toBe(
      'Malformed JSON body: unexpected character at line 3, column 15 (character 36)',
    );
  });
});
