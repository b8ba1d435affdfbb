/**
 * Every request example of the contract, sent to a freshly started stub with a key that
 * has every scope (path parameters from the operation's examples), gets its documented success
 * status. Ids in the examples are the demo data's own; only credentials a caller holds themselves
 * (a password, a client secret, an issued token, code or PKCE verifier) are swapped for live ones.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { pkceChallenge, type StubServer } from '../src/index.ts';
import { ADMIN_KEY, startTestStub } from './support/stub.ts';

// biome-ignore lint/suspicious/noExplicitAny: the contract document is walked generically.
type Json = any;

const doc: Json = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@regen/contract/openapi.json'), 'utf8'),
);
const resolve = (node: Json): Json => {
  let value = node;
  while (value && typeof value === 'object' && typeof value.$ref === 'string') {
    value = value.$ref
      .slice(2)
      .split('/')
      .reduce((at: Json, key: string) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return value;
};

interface Case {
  readonly name: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly mediaType?: string;
  readonly body?: Record<string, unknown>;
  readonly success: number[];
  readonly bearerOnly: boolean;
}

const paramExample = (p: Json): unknown =>
  p.example ??
  Object.values(p.examples ?? {}).map((e) => resolve(e).value)[0] ??
  resolve(p.schema)?.examples?.[0];

function cases(): Case[] {
  const out: Case[] = [];
  for (const [template, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (method === 'parameters' || typeof op !== 'object') continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
      let path = template;
      const query: Record<string, string> = {};
      for (const p of params) {
        const value = paramExample(p);
        if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
        if (p.in === 'query' && p.required) query[p.name] = String(value);
      }
      const success = Object.keys(op.responses)
        .map(Number)
        .filter((s) => s >= 200 && s < 400);
      const security: Json[] = op.security ?? doc.security ?? [];
      const bearerOnly = security.length > 0 && security.every((s) => Object.keys(s).join() === 'BearerAuth');
      const base = {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        query,
        success,
        bearerOnly,
      };
      const content: Record<string, Json> = op.requestBody ? resolve(op.requestBody).content : {};
      const examples = Object.entries(content).flatMap(([mediaType, media]) =>
        Object.entries<Json>(media.examples ?? {}).map(([name, e]) => ({
          ...base,
          name: `${op.operationId} ${mediaType} "${name}"`,
          mediaType,
          body: resolve(e).value,
        })),
      );
      out.push(...(examples.length > 0 ? examples : [{ ...base, name: op.operationId }]));
    }
  }
  return out;
}

/** Credentials a caller supplies themselves, replaced by ones the fresh stub issued. */
async function withLiveCredentials(stub: StubServer, c: Case): Promise<Case> {
  if (c.body === undefined) return c;
  const body: Record<string, unknown> = { ...c.body };
  const demo = stub.demoUser;
  const login = async () => {
    const reply = await fetch(`${stub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demo),
    });
    return ((await reply.json()) as Json).data as { accessToken: string; refreshToken: string };
  };
  const oauthToken = async (extra: Record<string, string>) => {
    const reply = await fetch(`${stub.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'cli_regen_demo', client_secret: 'cs_regen_demo_secret', ...extra }),
    });
    return (await reply.json()) as Json;
  };
  if ('password' in body) Object.assign(body, demo);
  if ('refreshToken' in body) body.refreshToken = (await login()).refreshToken;
  if ('client_secret' in body) body.client_secret = 'cs_regen_demo_secret';
  const verifier = 'v'.repeat(43);
  /** An authorization code issued to the demo client for the example's redirect URI. */
  const issueCode = async (redirectUri: string) => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'cli_regen_demo',
      redirect_uri: redirectUri,
      code_challenge: pkceChallenge(verifier),
      code_challenge_method: 'S256',
      scope: 'read:orders',
      state: 's',
      auto_approve: 'true',
    });
    const reply = await fetch(`${stub.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    return new URL(reply.headers.get('location') ?? '').searchParams.get('code') ?? '';
  };
  const redirectUri = 'https://partner.example.com/oauth/callback';
  if (body.grant_type === 'authorization_code') {
    body.code = await issueCode(String(body.redirect_uri));
    body.code_verifier = verifier;
  }
  if (body.grant_type === 'refresh_token') {
    const pair = await oauthToken({
      grant_type: 'authorization_code',
      code: await issueCode(redirectUri),
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    body.refresh_token = pair.refresh_token;
  }
  if (c.operationId === 'revokeOAuthToken') {
    body.token = (await oauthToken({ grant_type: 'client_credentials', scope: 'read:orders' })).access_token;
  }
  return { ...c, body };
}

describe('every request example of the contract works against a fresh stub', () => {
  const all = cases();

  it('finds the examples', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s', async (_name, example) => {
    const stub = await startTestStub();
    try {
      const c = await withLiveCredentials(stub, example);
      const headers: Record<string, string> = {};
      if (c.bearerOnly) {
        const login = await fetch(`${stub.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(stub.demoUser),
        });
        headers.authorization = `Bearer ${((await login.json()) as Json).data.accessToken}`;
      } else headers['x-api-key'] = ADMIN_KEY;
      let body: string | undefined;
      if (c.body !== undefined && c.mediaType !== undefined) {
        headers['content-type'] = c.mediaType;
        body =
          c.mediaType === 'application/x-www-form-urlencoded'
            ? new URLSearchParams(c.body as Record<string, string>).toString()
            : JSON.stringify(c.body);
      }
      const query = new URLSearchParams(c.query).toString();
      const reply = await fetch(`${stub.url}${c.path}${query ? `?${query}` : ''}`, {
        method: c.method,
        headers,
        body: body ?? null,
        redirect: 'manual',
      });
      const text = await reply.text();
      expect(c.success, `${c.method} ${c.path} → ${reply.status} ${text.slice(0, 300)}`).toContain(
        reply.status,
      );
      expect(stub.violations).toEqual([]);
    } finally {
      await stub.close();
    }
  });
});
