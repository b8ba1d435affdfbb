/**
 * A credential of one account never reaches another's data ("Accounts and modes"). The cases are
 * generated from the contract's operation index (support/tenants.ts), one per operation, so a new
 * operation gets a case or fails the coverage test. A = the demo account, B = Northwind; each case
 * attacks B from A (owner JWT live, owner API key, owner JWT in test mode) and, for lists, the
 * other way round. Run on the in-memory stub and on PostgreSQL + Redis (three processes behind a
 * round-robin proxy) when the shared stores are configured.
 */
import { randomBytes } from 'node:crypto';
import { operationIndex } from '@regen/contract/operations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkceChallenge, type StubServer } from '../src/index.ts';
import { useSharedCluster } from './support/shared-cluster.ts';
import { SHARED } from './support/shared-stores.ts';
import { type CallOptions, Client, eventually, sleep, startTestStub } from './support/stub.ts';
import {
  ACCOUNTS,
  asMode,
  buildTable,
  type Case,
  enrol,
  idOf,
  idsIn,
  login,
  MODES,
  type Mode,
  ownBody,
  type Party,
  pageAll,
  referencesIn,
  replaceAt,
  TENANT_LIMITS,
  unique,
  usableId,
} from './support/tenants.ts';

// biome-ignore lint/suspicious/noExplicitAny: replies are read loosely; the stub checks every body against the contract.
type Json = any;

interface World {
  readonly client: Client;
  readonly A: Party;
  readonly B: Party;
}

const TABLE = buildTable();

/** B's record of a by-id case in `mode`, never the key B's own credential is. */
function victimOf(c: Case, owner: Party, mode: Mode) {
  const items = owner.records[c.collection as string]?.[mode] ?? [];
  const item = items.find((i) => idOf(i, c.param as string) !== owner.keyId);
  if (!item) throw new Error(`${owner.name} has no ${c.collection} record in ${mode} mode`);
  return idOf(item, c.param as string);
}

const fill = (template: string, param: string, id: string) =>
  template.replace(`{${param}}`, encodeURIComponent(id));
const attackers = (p: Party): [string, CallOptions][] => [
  ['owner JWT (live)', p.live],
  ['owner API key (live)', p.key],
  ['owner JWT (test)', p.test],
];
const expectNotFound = (reply: Json, what: string) => {
  expect(reply.status, `${what}: ${reply.text}`).toBe(404);
  expect(reply.body?.error?.code, what).toBe('not_found');
};

/**
 * A's credentials on B's record (live and test mode): 404 `not_found`, and B reads the record
 * unchanged afterwards (a leaked update, cancel, rotate or delete would show there). A reading
 * its own record answers 200, so the 404 is about the account, not a broken route.
 */
async function byId(world: World, c: Case): Promise<void> {
  const { client, A, B } = world;
  const param = c.param as string;
  for (const mode of MODES) {
    const id = victimOf(c, B, mode);
    const read = fill(c.getter as string, param, id);
    const before = await client.get(read, asMode(B, mode));
    expect(before.status, `B reads its own ${read}`).toBe(200);
    for (const [label, as] of attackers(A)) {
      const headers: Record<string, string> = c.op.idempotent ? { 'idempotency-key': unique('tenant') } : {};
      const reply = await client.call(c.op.method, fill(c.op.path, param, id), {
        ...as,
        body: c.example,
        headers,
      });
      expectNotFound(reply, `${c.operationId} by A's ${label} on B's ${mode} ${id}`);
    }
    const after = await client.get(read, asMode(B, mode));
    expect(after.status, `B's ${id} still exists`).toBe(200);
    expect(after.body.data, `B's ${id} unchanged`).toEqual(before.body.data);
    if (c.op.method === 'GET') {
      const own = await client.get(fill(c.op.path, param, victimOf(c, A, mode)), asMode(A, mode));
      expect(own.status, `A reads its own ${c.collection} record`).toBe(200);
    }
  }
}

/** The other account's credentials see none of `owner`'s ids in any list, in either mode or credential. */
async function list(world: World, c: Case): Promise<void> {
  const { client, A, B } = world;
  for (const [reader, owner] of [
    [A, B],
    [B, A],
  ] as const) {
    for (const [label, as] of attackers(reader)) {
      const seen = idsIn(await pageAll(client, c.op.path, as));
      const leaked = [...seen].filter((id) => owner.ids.has(id));
      expect(leaked, `${c.operationId} by ${reader.name}'s ${label} shows ${owner.name}'s ids`).toEqual([]);
    }
  }
}

/**
 * Create with A then B with the same Idempotency-Key (the same body when the body holds no ids):
 * two resources, neither replayed, each invisible to the other account; A's own retry is
 * replayed (so the key was in force). Then every id the body references is swapped, one at a
 * time, for B's record, for A's own test-mode record and for a made-up id: all three 422 alike.
 */
async function create(world: World, c: Case): Promise<void> {
  const { client, A, B } = world;
  const key = unique('tenant-create');
  const sku = `TEN-${randomBytes(4).toString('hex').toUpperCase()}`;
  const made = new Map<Party, string>();
  const bodies = new Map<Party, Json>();
  for (const party of [A, B]) {
    const body = ownBody(c.example, party, sku);
    const reply = await client.post(c.op.path, body, { ...party.key, headers: { 'idempotency-key': key } });
    expect(reply.status, `${c.operationId} by ${party.name}: ${reply.text}`).toBe(201);
    expect(reply.headers.get('idempotent-replayed'), `${party.name}'s create is not a replay`).toBeNull();
    made.set(party, reply.body.data.id);
    bodies.set(party, body);
    party.ids.add(reply.body.data.id);
    for (const id of idsIn(body)) if (id.startsWith('com_')) party.spent.add(id);
  }
  expect(made.get(A)).not.toBe(made.get(B));
  const replay = await client.post(c.op.path, bodies.get(A), {
    ...A.key,
    headers: { 'idempotency-key': key },
  });
  expect(replay.headers.get('idempotent-replayed'), 'A retrying its own key is replayed').toBe('true');
  expect(replay.body.data.id).toBe(made.get(A));

  for (const [reader, owner] of [
    [B, A],
    [A, B],
  ] as const) {
    const id = made.get(owner) as string;
    if (c.getter)
      expectNotFound(await client.get(fill(c.getter, 'id', id), reader.live), `${reader.name} GET ${id}`);
    const listed = idsIn(await pageAll(client, c.collection as string, reader.live));
    expect(listed.has(id), `${reader.name}'s ${c.collection} lists ${owner.name}'s new ${id}`).toBe(false);
  }

  const base = bodies.get(A);
  for (const ref of referencesIn(base)) {
    const path = ref.at.join('.');
    const send = (value: string) => client.post(c.op.path, replaceAt(base, ref.at, value), A.key);
    const missing = await send(`${ref.prefix}_DoesNotExist000`);
    expect(missing.status, `${path} = a made-up id: ${missing.text}`).toBe(422);
    const expected = { code: missing.body.error.code, details: shape(missing.body.error.details) };
    for (const [label, value] of [
      ["B's", usableId(B, ref.prefix, 0)],
      ["A's own test-mode", usableId(A, ref.prefix, 0, 'test')],
    ] as const) {
      const reply = await send(value);
      expect(reply.status, `${path} = ${label} ${value}: ${reply.text}`).toBe(422);
      expect(
        { code: reply.body.error.code, details: shape(reply.body.error.details) },
        `${path} = ${label}`,
      ).toEqual(expected);
    }
  }
}
/** Details without messages (which may quote the id). */
const shape = (details: Json) => (details ?? []).map((d: Json) => d.path ?? d.field ?? null);

const health = async (client: Client, as: CallOptions) => {
  const reply = await client.get('/api/health', as);
  expect(reply.status).toBe(200);
  return reply.body.data.credential as { accountId: string; mode: Mode } | undefined;
};
const firstOrderOf = (p: Party) => p.records['/api/v1/orders']?.live[0]?.id as string;

/** OAuth tokens act in the demo account (A, live): they reach none of B's records. */
async function expectOnlyA(world: World, token: string): Promise<void> {
  const { client, A, B } = world;
  const as = { bearer: token };
  expect(await health(client, as)).toMatchObject({ accountId: A.accountId, mode: 'live' });
  expectNotFound(await client.get(`/api/v1/orders/${firstOrderOf(B)}`, as), "OAuth token on B's order");
  const seen = idsIn(await pageAll(client, '/api/v1/orders', as));
  expect([...seen].filter((id) => B.ids.has(id))).toEqual([]);
}

/** Operations with no record id of their own: each check fails if the accounts leaked into each other. */
const ACCOUNT_CHECKS: Record<string, (world: World) => Promise<void>> = {
  async getHealth({ client, A, B }) {
    for (const p of [A, B])
      for (const [label, as] of attackers(p))
        expect(await health(client, as), `${p.name}'s ${label}`).toEqual(
          expect.objectContaining({ accountId: p.accountId, mode: label.includes('test') ? 'test' : 'live' }),
        );
  },
  async getCurrentUser({ client, A, B }) {
    for (const p of [A, B])
      for (const [label, as] of attackers(p)) {
        const me = await client.get('/api/v1/users/me', as);
        expect(me.status).toBe(200);
        expect(me.body.data.accountId, `${p.name}'s ${label}`).toBe(p.accountId);
        expect(me.body.data.email).toBe(ACCOUNTS[p.name].owner);
      }
  },
  async login({ client, A, B }) {
    // Every user of both accounts, in both modes: the session acts in the user's own account.
    for (const p of [A, B])
      for (const local of ACCOUNTS[p.name].others)
        for (const mode of MODES) {
          const { accessToken } = await login(client, `${local}@regen.test`, mode);
          const as = { bearer: accessToken };
          expect(await health(client, as)).toMatchObject({ accountId: p.accountId, mode });
          expect((await client.get('/api/v1/users/me', as)).body.data.accountId).toBe(p.accountId);
        }
  },
  async refreshToken({ client, A, B }) {
    for (const p of [A, B])
      for (const mode of MODES) {
        const first = await login(client, ACCOUNTS[p.name].owner, mode);
        const next = await client.post(
          '/api/auth/refresh',
          { refreshToken: first.refreshToken },
          { key: null },
        );
        expect(next.status).toBe(200);
        expect(await health(client, { bearer: next.body.data.accessToken })).toMatchObject({
          accountId: p.accountId,
          mode,
        });
      }
  },
  async logout({ client, B }) {
    // A logging out with B's refresh token ends A's session only.
    const a = await login(client, ACCOUNTS.A.owner);
    const b = await login(client, ACCOUNTS.B.owner);
    const out = await client.post(
      '/api/auth/logout',
      { refreshToken: b.refreshToken },
      { bearer: a.accessToken },
    );
    expect(out.status).toBe(200);
    // (users/me, not health: health takes an optional credential.)
    expect((await client.get('/api/v1/users/me', { bearer: a.accessToken })).status).toBe(401);
    expect(await health(client, { bearer: b.accessToken })).toMatchObject({ accountId: B.accountId });
    const refreshed = await client.post('/api/auth/refresh', { refreshToken: b.refreshToken }, { key: null });
    expect(refreshed.status, "B's refresh token survives A's logout").toBe(200);
  },
  async createOAuthToken(world) {
    const reply = await world.client.post(
      '/oauth/token',
      {
        grant_type: 'client_credentials',
        client_id: 'cli_regen_demo',
        client_secret: 'cs_regen_demo_secret',
        scope: 'read:orders',
      },
      { key: null },
    );
    expect(reply.status).toBe(200);
    await expectOnlyA(world, reply.body.access_token);
  },
  async authorize(world) {
    const verifier = randomBytes(32).toString('base64url');
    const redirect = 'http://127.0.0.1:9/callback';
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'cli_regen_demo',
      redirect_uri: redirect,
      scope: 'read:orders',
      state: 'tenant',
      code_challenge: pkceChallenge(verifier),
      code_challenge_method: 'S256',
      auto_approve: 'true',
    });
    const redirected = await fetch(`${world.client.url}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(redirected.status).toBe(302);
    const code = new URL(redirected.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const reply = await world.client.post(
      '/oauth/token',
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        code_verifier: verifier,
        client_id: 'cli_regen_demo',
        client_secret: 'cs_regen_demo_secret',
      },
      { key: null },
    );
    expect(reply.status).toBe(200);
    await expectOnlyA(world, reply.body.access_token);
  },
  async revokeOAuthToken({ client, B }) {
    // The demo account's client cannot revoke a Northwind session (RFC 7009 answers 200 anyway).
    const b = await login(client, ACCOUNTS.B.owner);
    const revoke = await client.post(
      '/oauth/revoke',
      {
        token: b.refreshToken,
        token_type_hint: 'refresh_token',
        client_id: 'cli_regen_demo',
        client_secret: 'cs_regen_demo_secret',
      },
      { key: null },
    );
    expect(revoke.status).toBe(200);
    expect(await health(client, { bearer: b.accessToken })).toMatchObject({ accountId: B.accountId });
    const refreshed = await client.post('/api/auth/refresh', { refreshToken: b.refreshToken }, { key: null });
    expect(refreshed.status, "B's session survives the demo client's revocation").toBe(200);
  },
  async getAnalyticsSummary({ client, A, B }) {
    // A's new order moves A's totals and not B's; neither summary names the other's records.
    // An explicit period: the default one ends at the current second (exclusive), before a new order.
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const summary = async (p: Party) => {
      const reply = await client.get(`/api/v1/analytics/summary?from=${from}&to=${to}`, p.key);
      expect(reply.status).toBe(200);
      const { period: _period, ...totals } = reply.body.data;
      return totals;
    };
    const [a0, b0] = [await summary(A), await summary(B)];
    const body = ownBody(
      { customerId: 'cus_x', items: [{ productId: 'prd_x', quantity: 1 }], currency: 'USD' },
      A,
      '',
    );
    const order = await client.post('/api/v1/orders', body, A.key);
    expect(order.status).toBe(201);
    A.ids.add(order.body.data.id);
    const [a1, b1] = [await summary(A), await summary(B)];
    expect(a1.orders.count).toBe(a0.orders.count + 1);
    expect(b1).toEqual(b0);
    expect([...idsIn(a1)].filter((id) => B.ids.has(id))).toEqual([]);
    expect([...idsIn(b1)].filter((id) => A.ids.has(id))).toEqual([]);
  },
  async getUsageSeries({ client, A, B }) {
    // A's calls count in A's series only; neither account's series of the other's key shows
    // anything. Series are read with the owners' JWTs, so the reads do not count for the keys.
    const requestsOf = async (reader: Party, keyId: string) => {
      const reply = await client.get(`/api/v1/usage/series?granularity=day&keyId=${keyId}`, reader.live);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body.data.keyId).toBe(keyId);
      return reply.body.data.totals.requests as number;
    };
    // Earlier cases' requests reach the shared store within the flush interval (200 ms): let them land.
    await sleep(500);
    const [a0, b0] = [await requestsOf(A, A.keyId), await requestsOf(B, B.keyId)];
    for (let i = 0; i < 3; i++) expect((await client.get('/api/v1/orders?limit=1', A.key)).status).toBe(200);
    await eventually(async () => ((await requestsOf(A, A.keyId)) >= a0 + 3 ? true : undefined));
    expect(await requestsOf(B, B.keyId)).toBe(b0);
    expect(await requestsOf(A, B.keyId)).toBe(0);
    expect(await requestsOf(B, A.keyId)).toBe(0);
  },
};

const RUNNERS: Record<Exclude<Case['kind'], 'account'>, (world: World, c: Case) => Promise<void>> = {
  'by-id': byId,
  list,
  create,
};

/** The whole table against the stub at `url()`. */
function tenantSuite(url: () => string): void {
  let world: World;
  beforeAll(async () => {
    const client = new Client(url(), null);
    world = { client, A: await enrol(client, 'A', TABLE), B: await enrol(client, 'B', TABLE) };
  }, 120_000);

  it('has a case for every operation of the contract', () => {
    const covered = TABLE.filter((c) => c.kind !== 'account' || ACCOUNT_CHECKS[c.operationId]).map(
      (c) => c.operationId,
    );
    expect(new Set(covered)).toEqual(new Set(Object.keys(operationIndex)));
    expect(covered).toHaveLength(Object.keys(operationIndex).length);
  });

  it.each(TABLE.map((c) => [c.operationId, c.kind, c] as const))('%s (%s)', async (_id, kind, c) => {
    if (kind === 'account') {
      const check = ACCOUNT_CHECKS[c.operationId];
      if (!check) throw new Error(`${c.operationId}: no account-scoped check written for it`);
      await check(world);
    } else await RUNNERS[kind](world, c);
  });
}

describe('tenant isolation, in memory', () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await startTestStub({ rateLimits: TENANT_LIMITS });
  });
  afterAll(async () => {
    await stub?.close();
    expect(stub?.violations ?? []).toEqual([]);
  });
  tenantSuite(() => stub.url);
});

// PostgreSQL-mode stubs run as child processes (`pg` does not load under vitest); under CI the
// stores must be configured (SHARED throws), elsewhere the suite is skipped with a printed reason.
describe.skipIf(SHARED.skip)('tenant isolation, three instances on PostgreSQL + Redis', () => {
  const shared = useSharedCluster(['--rate-limits', TENANT_LIMITS, '--log-level', 'warn']);
  tenantSuite(() => shared.url);
});
