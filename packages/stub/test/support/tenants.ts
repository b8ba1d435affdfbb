/**
 * @module The cross-tenant table of `tenant-isolation.test.ts`: one case per operation
 * of the contract's operation index, classified from the operation's shape (path id, list
 * envelope, create, or an account-scoped session/health/analytics operation), and the two seeded
 * accounts' credentials and records the cases run with.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type OperationInfo, operationIndex } from '@regen/contract/operations';
import { expect } from 'vitest';
import type { CallOptions, Client } from './stub.ts';

// biome-ignore lint/suspicious/noExplicitAny: the contract document and replies are walked generically.
type Json = any;

const doc: Json = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@regen/contract/openapi.json'), 'utf8'),
);
const resolve = (node: Json): Json => {
  let value = node;
  while (value && typeof value === 'object' && typeof value.$ref === 'string')
    value = value.$ref
      .slice(2)
      .split('/')
      .reduce((at: Json, key: string) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return value;
};
const documentOperation = (info: OperationInfo): Json => doc.paths[info.path][info.method.toLowerCase()];

/** The seeded accounts: A (the demo account) attacks, B (Northwind, plan `free`) is the victim, and back. */
export const ACCOUNTS = {
  A: { id: 'acct_5Tq8Wm2Rz4N', owner: 'demo@regen.test', others: ['admin', 'member', 'viewer'] },
  B: {
    id: 'acct_8Hn3Vb6Kx1P',
    owner: 'northwind@regen.test',
    others: ['northwind.admin', 'northwind.member', 'northwind.viewer'],
  },
} as const;
export const PASSWORD = 'regen-demo-password';
/** Every plan's limits out of the way (`--rate-limits` wins over B's `free` plan too). */
export const TENANT_LIMITS = 'standard=1000000/1h,burst=1000000/1m,write=1000000/1h,auth=1000/15m';

/** Any prefixed record id of the contract ("Conventions"); a leak shows up as one of these strings. */
const ID = /^(?:acct|ord|prd|cus|key|whk|usr|adj|com|pay|evt)_[A-Za-z0-9]+$/;
export type Mode = 'live' | 'test';
export const MODES: readonly Mode[] = ['live', 'test'];

/** Every id-like string anywhere in `value` (bodies reference other records too: `customerId`, `items[].productId`…). */
export function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (ID.test(value)) into.add(value);
  } else if (Array.isArray(value)) for (const v of value) idsIn(v, into);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) idsIn(v, into);
  return into;
}

export const unique = (label: string) => `${label}-${randomBytes(6).toString('hex')}`;

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** How an operation is tried across accounts. */
export type Kind = 'by-id' | 'create' | 'account' | 'list';

export interface Case {
  readonly operationId: string;
  readonly kind: Kind;
  readonly op: OperationInfo;
  /** by-id: the path parameter, the collection's list path and its by-id GET path template. */
  readonly param?: string;
  /** The list operation's path whose items are this operation's records (by-id, create). */
  readonly collection?: string;
  /** The GET-by-id path template that reads one record of the collection, when there is one. */
  readonly getter?: string;
  /** The contract's first request example (writes), as the base of a valid body. */
  readonly example?: Json;
}

/** Whether the operation's success body is the contract's list envelope (`data` array + `hasMore`). */
function isList(info: OperationInfo): boolean {
  const response = resolve(documentOperation(info).responses[String(info.successStatus)]);
  const schema = resolve(response?.content?.['application/json']?.schema);
  return resolve(schema?.properties?.data)?.type === 'array' && schema?.properties?.hasMore !== undefined;
}

/** The first request example of the operation (JSON preferred), or `undefined`. */
function firstExample(info: OperationInfo): Json {
  const body = resolve(documentOperation(info).requestBody);
  if (!body) return undefined;
  const media = body.content['application/json'] ?? Object.values<Json>(body.content)[0];
  const first = Object.values<Json>(media?.examples ?? {})[0];
  return first === undefined ? media?.example : resolve(first).value;
}

/** The order cases run in: writes on B's ids and creates first, lists last so they also see what the creates made. */
const ORDER: readonly Kind[] = ['by-id', 'create', 'account', 'list'];

/**
 * One case per operation of the index, derived from its shape. Throws when an operation's shape
 * needs something the contract does not give (a by-id write without an example body, a path id
 * whose collection has no list or GET) — a new operation then has to be looked at, not skipped.
 */
export function buildTable(): Case[] {
  const ops = Object.values(operationIndex) as OperationInfo[];
  const lists = new Set<string>(
    ops.filter((o) => o.method === 'GET' && o.pathParams.length === 0 && isList(o)).map((o) => o.path),
  );
  const getterOf = (template: string) => ops.find((o) => o.method === 'GET' && o.path === template)?.path;
  const cases = ops.map((op): Case => {
    const base = { operationId: op.operationId, op };
    const example = firstExample(op);
    if (op.pathParams.length > 0) {
      const param = op.pathParams[0] as string;
      const collection = op.path.slice(0, op.path.indexOf(`/{${param}}`));
      const getter = getterOf(`${collection}/{${param}}`);
      if (!lists.has(collection) || !getter)
        throw new Error(`${op.operationId}: no list or GET for the collection ${collection}`);
      if (op.requestBody?.required && example === undefined)
        throw new Error(`${op.operationId}: a body is required and the contract has no example to send`);
      return { ...base, kind: 'by-id', param, collection, getter, example };
    }
    if (op.method === 'GET' && lists.has(op.path)) return { ...base, kind: 'list' };
    if (op.method === 'POST' && op.auth === 'required' && op.successStatus === 201) {
      if (!lists.has(op.path)) throw new Error(`${op.operationId}: no list of what it creates`);
      if (example === undefined) throw new Error(`${op.operationId}: no request example`);
      const getter = ops.find((o) => o.method === 'GET' && o.path === `${op.path}/{id}`)?.path;
      return { ...base, kind: 'create', collection: op.path, ...(getter ? { getter } : {}), example };
    }
    // Auth, OAuth, health, the current user, analytics: checked one by one (ACCOUNT_CHECKS).
    return { ...base, kind: 'account' };
  });
  return cases.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

// ---------------------------------------------------------------------------------------------
// The two accounts at run time
// ---------------------------------------------------------------------------------------------

/** One account's owner credentials and its records as its own lists show them. */
export interface Party {
  readonly name: 'A' | 'B';
  readonly accountId: string;
  /** Owner JWT, live mode; its refresh token. */
  readonly live: CallOptions;
  readonly refresh: string;
  /** Owner JWT, test mode. */
  readonly test: CallOptions;
  /** An API key (live, `read:*` `write:*`) the owner created. */
  readonly key: CallOptions;
  readonly keyId: string;
  /** Items of every list (by list path), per mode. */
  readonly records: Record<string, Record<Mode, Json[]>>;
  /** Every id seen in its lists (both modes), plus what the tests create: none may reach the other account. */
  readonly ids: Set<string>;
  /** Approved commissions already spent on a payout. */
  readonly spent: Set<string>;
}

export const asMode = (party: Party, mode: Mode): CallOptions => (mode === 'live' ? party.live : party.test);
const bearer = (token: string): CallOptions => ({ bearer: token });

export async function login(client: Client, email: string, mode: Mode = 'live') {
  const reply = await client.post('/api/auth/login', { email, password: PASSWORD, mode }, { key: null });
  expect(reply.status, `login ${email}`).toBe(200);
  return reply.body.data as { accessToken: string; refreshToken: string };
}

/** Every item of a list, page by page (limit 100). */
export async function pageAll(client: Client, path: string, as: CallOptions): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const reply = await client.get(`${path}?${query}`, as);
    expect(reply.status, `GET ${path}`).toBe(200);
    items.push(...reply.body.data);
    if (!reply.body.hasMore) return items;
    cursor = reply.body.nextCursor;
  }
  throw new Error(`${path}: more than 100 pages`);
}

/** Logs the owner in (both modes), creates its API key, and reads every list of the table in both modes. */
export async function enrol(client: Client, name: 'A' | 'B', table: readonly Case[]): Promise<Party> {
  const account = ACCOUNTS[name];
  const live = await login(client, account.owner, 'live');
  const test = await login(client, account.owner, 'test');
  const created = await client.post(
    '/api/v1/api-keys',
    { name: `tenant-isolation ${name}`, scopes: ['read:*', 'write:*'] },
    bearer(live.accessToken),
  );
  expect(created.status).toBe(201);
  const party: Party = {
    name,
    accountId: account.id,
    live: bearer(live.accessToken),
    refresh: live.refreshToken,
    test: bearer(test.accessToken),
    key: { key: created.body.data.key },
    keyId: created.body.data.id,
    records: {},
    ids: new Set([account.id]),
    spent: new Set(),
  };
  for (const c of table.filter((t) => t.kind === 'list')) {
    const byMode = {} as Record<Mode, Json[]>;
    for (const mode of MODES) {
      byMode[mode] = await pageAll(client, c.op.path, asMode(party, mode));
      idsIn(byMode[mode], party.ids);
    }
    party.records[c.op.path] = byMode;
  }
  return party;
}

/** The records of a by-id collection, keyed the way its path parameter names them (`id`, `productId`). */
export const idOf = (item: Json, param: string): string => item[param] ?? item.id;

/** The collection whose records carry ids with `prefix` (from the list items' own `id`). */
export function collectionOfPrefix(party: Party, prefix: string): string {
  for (const [path, byMode] of Object.entries(party.records))
    if (byMode.live.some((item) => typeof item.id === 'string' && item.id.startsWith(`${prefix}_`)))
      return path;
  throw new Error(`no collection holds ${prefix}_ ids`);
}

/**
 * A record of `party` (in `mode`) fit to be referenced by a create body in place of an example id
 * with `prefix`: an active product with stock, an approved unpaid commission not yet spent, or
 * simply the `ordinal`-th record.
 */
export function usableId(party: Party, prefix: string, ordinal: number, mode: Mode = 'live'): string {
  const records = (path: string) => party.records[path]?.[mode] ?? [];
  let pool: Json[];
  if (prefix === 'prd') {
    const stock = new Map(records('/api/v1/inventory').map((l) => [l.productId, l.available as number]));
    pool = records('/api/v1/products').filter((p) => p.active && (stock.get(p.id) ?? 0) >= 50);
  } else if (prefix === 'com') {
    pool = records('/api/v1/commissions').filter(
      (c) => c.status === 'approved' && c.payoutId === null && !party.spent.has(c.id),
    );
  } else pool = records(collectionOfPrefix(party, prefix));
  const item = pool[ordinal];
  if (!item) throw new Error(`${party.name} (${mode}) has no usable ${prefix}_ record #${ordinal}`);
  return item.id;
}

/** Where the example body holds record ids: JSON paths and the id's prefix. */
export function referencesIn(
  body: Json,
  at: (string | number)[] = [],
): { at: (string | number)[]; prefix: string }[] {
  if (typeof body === 'string') return ID.test(body) ? [{ at, prefix: body.split('_')[0] as string }] : [];
  if (Array.isArray(body)) return body.flatMap((v, i) => referencesIn(v, [...at, i]));
  if (body && typeof body === 'object')
    return Object.entries(body).flatMap(([k, v]) => referencesIn(v, [...at, k]));
  return [];
}

/** `body` with the value at `at` replaced. */
export function replaceAt(body: Json, at: readonly (string | number)[], value: unknown): Json {
  if (at.length === 0) return value;
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  const copy = Array.isArray(body) ? [...body] : { ...body };
  copy[head] = replaceAt(body[head], rest, value);
  return copy;
}

/**
 * A valid create body for `party` built from the contract's example: its ids replaced by the
 * party's own usable records, values that must be unique per call (`sku`) replaced by `unique`
 * values, a future `expiresAt`, and webhook deliveries sent to a closed loopback port, not
 * to the example's host.
 */
export function ownBody(example: Json, party: Party, sku: string): Json {
  let body = structuredClone(example);
  const seen = new Map<string, number>();
  for (const ref of referencesIn(body)) {
    const ordinal = seen.get(ref.prefix) ?? 0;
    seen.set(ref.prefix, ordinal + 1);
    body = replaceAt(body, ref.at, usableId(party, ref.prefix, ordinal));
  }
  if ('sku' in body) body.sku = sku;
  if ('expiresAt' in body) body.expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
  // A documentation name: accepted by the webhook target policy and never delivered to.
  if ('url' in body) body.url = 'https://hooks.example.com/tenant-isolation';
  return body;
}
