/**
 * Probing another tenant's ids through side doors: every account's API keys share one
 * collection, so a list cursor naming another account's (or, for a test-mode caller, a live) key
 * must be refused exactly like a made-up cursor, not answered with a page.
 */
import { describe, expect, it } from 'vitest';
import { useStub } from './support/stub.ts';

const ctx = useStub();
const cursorOf = (id: string) => Buffer.from(id).toString('base64url');

async function login(email: string, mode: 'live' | 'test' = 'live'): Promise<string> {
  const reply = await ctx.client.post(
    '/api/auth/login',
    { email, password: ctx.stub.demoUser.password, mode },
    { key: null },
  );
  expect(reply.status).toBe(200);
  return reply.body.data.accessToken;
}

describe('listApiKeys cursors', () => {
  it("refuses a cursor naming another account's key like a made-up one", async () => {
    const demoKey = (
      await ctx.client.post('/api/v1/api-keys', { name: 'probe target', scopes: ['read:orders'] })
    ).body.data;
    const northwind = await login('northwind@regen.test');
    const madeUp = await ctx.client.get(`/api/v1/api-keys?cursor=${cursorOf('key_DoesNotExist00')}`, {
      key: null,
      bearer: northwind,
    });
    const foreign = await ctx.client.get(`/api/v1/api-keys?cursor=${cursorOf(demoKey.id)}`, {
      key: null,
      bearer: northwind,
    });
    expect(madeUp.status).toBe(400);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({
      code: madeUp.body.error.code,
      message: madeUp.body.error.message,
    });
    // The owner's own cursor still pages.
    expect((await ctx.client.get(`/api/v1/api-keys?cursor=${cursorOf(demoKey.id)}`)).status).toBe(200);
  });

  it('refuses a test-mode caller a cursor naming a live key', async () => {
    const live = (
      await ctx.client.post('/api/v1/api-keys', {
        name: 'live target',
        scopes: ['read:orders'],
        environment: 'live',
      })
    ).body.data;
    const testSession = await login(ctx.stub.demoUser.email, 'test');
    const reply = await ctx.client.get(`/api/v1/api-keys?cursor=${cursorOf(live.id)}`, {
      key: null,
      bearer: testSession,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_error');
  });
});
