/**
 * One call per contract operation, made the way a user makes it: through the namespace method the
 * SDK model (scripts/generate/sdk-model.mjs) gives the operation, with the contract's own examples
 * for path parameters, query parameters and the body, so Prism answers with the response a test
 * asks for (`Prefer`) instead of a request violation. Derived, not listed: a new operation needs
 * no edit here. Only the calls a user makes differently are written out (`special`).
 */

import { readFileSync } from 'node:fs';
import { type CommonClientOptions, type Page, RegenClient, type RequestOptions } from '@regen/client';
import { buildAuthorizeUrl, parseCallback } from '@regen/client/oauth';
import type { OperationId } from '@regen/contract/operations';
import { operationIndex } from '@regen/contract/operations';
import { allMethods, buildSdkModel, type SdkMethod } from '../../scripts/generate/sdk-model.mjs';

/** What a call produced, so a test can compare it with the response example Prism served. */
export type Outcome =
  /** The envelope's `data` (resource methods). */
  | { kind: 'data'; value: unknown }
  /** The whole JSON body (low-level calls, OAuth endpoints). */
  | { kind: 'body'; value: unknown }
  /** The first page of a list. */
  | { kind: 'page'; page: Page<unknown> }
  /** A browser navigation (`/oauth/authorize`): status, body text and the parsed callback. */
  | { kind: 'navigation'; status: number; text: string; code: string | undefined };

export interface Clients {
  /** API-key client (X-API-Key). */
  apiKey: RegenClient;
  /** A fresh JWT session (email + password login), for operations that need a Bearer JWT. */
  session: () => Promise<RegenClient>;
  baseUrl: string;
  fetch: typeof fetch;
}

export type Call = (clients: Clients, options: RequestOptions) => Promise<Outcome>;

const data = async (p: PromiseLike<unknown>): Promise<Outcome> => ({ kind: 'data', value: await p });
const body = async (p: PromiseLike<unknown>): Promise<Outcome> => ({ kind: 'body', value: await p });
const page = async (p: PromiseLike<Page<unknown>>): Promise<Outcome> => ({ kind: 'page', page: await p });

export const DEMO = {
  email: 'demo@regen.test',
  password: 'regen-demo-password',
  clientId: 'cli_regen_demo',
  clientSecret: 'cs_regen_demo_secret',
  redirectUri: 'https://partner.example.com/oauth/callback',
  state: 'xyzABC123',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
} as const;

/** Query of `/oauth/authorize`, valid per the contract. */
export const authorizeQuery = {
  response_type: 'code',
  client_id: DEMO.clientId,
  redirect_uri: DEMO.redirectUri,
  code_challenge: DEMO.codeChallenge,
  code_challenge_method: 'S256',
  state: DEMO.state,
} as const;

/** The authorize request a browser makes; the client builds the URL, the browser follows it. */
async function navigateAuthorize({ baseUrl, fetch }: Clients, options: RequestOptions): Promise<Outcome> {
  const url = buildAuthorizeUrl({
    baseUrl,
    clientId: DEMO.clientId,
    redirectUri: DEMO.redirectUri,
    codeChallenge: DEMO.codeChallenge,
    scopes: ['read:orders'],
    state: DEMO.state,
  });
  const headers: Record<string, string> = { accept: 'text/html' };
  for (const [k, v] of Object.entries(options.headers ?? {})) if (typeof v === 'string') headers[k] = v;
  const response = await fetch(url, { headers, redirect: 'manual' });
  const text = await response.text();
  const location = response.headers.get('location');
  const code = response.status === 302 && location ? parseCallback(location, DEMO.state).code : undefined;
  return { kind: 'navigation', status: response.status, text, code };
}

/** The calls a user makes other than through the plain namespace method. */
const special: Partial<Record<OperationId, Call>> = {
  authorize: navigateAuthorize,
  // `auth.logout()` (session-aware, hand-written) resolves to nothing; the low-level call shows the body.
  logout: async ({ session }, o) => body((await session()).POST('/api/auth/logout', { body: {}, ...o })),
  login: ({ apiKey }, o) => data(apiKey.auth.login({ email: DEMO.email, password: DEMO.password }, o)),
};

/** `client.<namespace…>.<method>(…path, body?, query?, options)` with the contract's examples. */
function modelCall(m: SdkMethod): Call {
  const args = (options: RequestOptions): unknown[] => {
    const list: unknown[] = m.pathParams.map((p) => String(p.example));
    const example = m.body?.examples[0]?.value;
    if (m.body) list.push(example);
    const withExamples = m.queryParams.filter(
      (p) => p.example !== undefined && p.name !== m.pagination?.cursorParam,
    );
    if (m.queryParams.length > 0) list.push(Object.fromEntries(withExamples.map((p) => [p.name, p.example])));
    list.push(options);
    return list;
  };
  return ({ apiKey }, o) => {
    let target: Record<string, unknown> = apiKey as unknown as Record<string, unknown>;
    for (const key of m.resource) target = target[key] as Record<string, unknown>;
    const result = (target[m.name] as (...a: unknown[]) => PromiseLike<unknown>).apply(target, args(o));
    if (m.pagination) return page(result as PromiseLike<Page<unknown>>);
    return m.success.envelope === 'data' ? data(result) : body(result);
  };
}

const contract = JSON.parse(
  readFileSync(new URL('../../packages/contract/openapi.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const derived = Object.fromEntries(
  allMethods(buildSdkModel(contract)).map((m) => [
    m.operationId,
    special[m.operationId as OperationId] ?? modelCall(m),
  ]),
);

/** One call per operationId of the contract (throws at load when one has none). */
export const operationCalls = { ...derived, ...special } as Record<OperationId, Call>;
const uncovered = Object.keys(operationIndex).filter((id) => !(id in operationCalls));
if (uncovered.length > 0) throw new Error(`operation-calls: no call for ${uncovered.join(', ')}`);

/** Clients for `baseUrl` whose traffic goes through `fetchImpl`, with extra client options (e.g. `validate`). */
export function makeClients(
  baseUrl: string,
  fetchImpl: typeof fetch,
  extra: CommonClientOptions = {},
): Clients {
  const common: CommonClientOptions = { baseUrl, fetch: fetchImpl, logLevel: 'off', ...extra };
  return {
    baseUrl,
    fetch: fetchImpl,
    apiKey: new RegenClient({ ...common, apiKey: `rg_test_${'C'.repeat(32)}` }),
    session: () => RegenClient.login({ ...common, email: DEMO.email, password: DEMO.password }),
  };
}
