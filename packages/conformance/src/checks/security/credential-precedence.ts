/**
 * @module credential_precedence: a request carrying both `X-API-Key` and `Authorization: Bearer`
 * follows the contract's rule for two credentials (API description, "Authentication"):
 * the same value in both is one credential; different values must both be valid and name the
 * same principal (a rotated key's old and new secret), else 401 with a message starting
 * `X-API-Key refused:` / `Authorization refused:` — never a silent choice of one header.
 */
import { SessionCredential } from '../../auth/session.ts';
import { isObject } from '../../spec/json-pointer.ts';
import type { OperationSpec } from '../../spec/types.ts';
import {
  bareCase,
  errorMessage,
  jsonBody,
  nonce,
  operation,
  probe,
  probeOperation,
  probeScopes,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, skip, type Verdict } from '../api.ts';

export const name = 'credential_precedence';

/** The operation probed: one that accepts both schemes, the run's probe operation preferably. */
function target(ctx: CheckContext): OperationSpec | undefined {
  const both = (o: OperationSpec) =>
    o.securitySchemes.some((s) => s.type === 'apiKey' && s.in === 'header') &&
    o.securitySchemes.some((s) => s.type === 'http' && s.scheme === 'bearer');
  const probed = probeOperation(ctx);
  return probed && both(probed)
    ? probed
    : ctx.spec.operations.find(
        (o) => o.method === 'GET' && o.auth === 'required' && !o.path.includes('{') && both(o),
      );
}

/** Whether a 401 names the refused header: its message starts `<header> refused` (the contract's wording). */
export function namesHeader(exchange: Exchange, header: string): boolean {
  return errorMessage(exchange.json).trim().toLowerCase().startsWith(`${header.toLowerCase()} refused`);
}

function refusedNaming(exchange: Exchange, header: string, label: string): Verdict {
  const { status } = exchange.response;
  if (status !== 401)
    return fail(`${label}: answered ${status}, expected 401 naming ${header}`, 'not-refused');
  if (!namesHeader(exchange, header))
    return fail(
      `${label}: the 401 does not say that ${header} was refused (message ${JSON.stringify(errorMessage(exchange.json))}, expected "${header} refused: …")`,
      'unclear',
    );
  return PASS;
}

function accepted(exchange: Exchange, label: string): Verdict {
  const { status } = exchange.response;
  return status < 300 ? PASS : fail(`${label}: answered ${status}, expected 2xx`, 'valid-pair-refused');
}

interface Pair {
  readonly label: string;
  readonly headers: Record<string, string>;
  readonly judge: (e: Exchange) => Verdict;
}

/** A key of the run's own (clean-up deletes it), created with the run's credential. */
async function createdKey(ctx: CheckContext): Promise<{ id: string; key: string } | undefined> {
  const create = operation(ctx, 'createApiKey');
  if (!create) return undefined;
  const made = await ctx.send(
    create,
    bareCase('credential_precedence: a key of the run', {
      body: jsonBody({
        name: `conformance precedence ${nonce(ctx, 6, name)}`,
        scopes: probeScopes(ctx, ['read:api_keys']),
      }),
    }),
    'probe',
    ctx.settings.seed,
  );
  const data = made.ok && isObject(made.exchange.json) ? made.exchange.json.data : undefined;
  if (!isObject(data) || typeof data.id !== 'string' || typeof data.key !== 'string') return undefined;
  ctx.pool.own(data.id);
  ctx.redactor.add(data.key, '$REGEN_CREATED_KEY');
  return { id: data.id, key: data.key };
}

/** A key of the run's own, rotated: its old and new secret name one principal. */
async function rotatedKey(ctx: CheckContext): Promise<{ old: string; fresh: string } | undefined> {
  const rotate = operation(ctx, 'rotateApiKey');
  const made = rotate ? await createdKey(ctx) : undefined;
  if (!rotate || !made) return undefined;
  const rotated = await ctx.send(
    rotate,
    bareCase('credential_precedence: rotate it', { pathParams: { id: made.id } }),
    'probe',
    ctx.settings.seed,
  );
  const next = rotated.ok && isObject(rotated.exchange.json) ? rotated.exchange.json.data : undefined;
  if (!isObject(next) || typeof next.key !== 'string') return undefined;
  ctx.redactor.add(next.key, '$REGEN_CREATED_KEY');
  return { old: made.key, fresh: next.key };
}

/** What the pairs are built from: the API-key header's name and credentials no server issued. */
interface Pairing {
  readonly ctx: CheckContext;
  readonly op: OperationSpec;
  readonly apiKeyHeader: string;
  readonly fakeKey: string;
  readonly fakeJwt: string;
}

/** Pairs around the run's API key: the same key twice, one of them invalid, two valid keys of one or two principals. */
async function pairsAroundTheKey(p: Pairing, key: string): Promise<Pair[]> {
  const { ctx, op, apiKeyHeader, fakeKey, fakeJwt } = p;
  const pairs: Pair[] = [
    {
      label: `the run's key in both ${apiKeyHeader} and Authorization: Bearer (one credential)`,
      headers: { [apiKeyHeader]: key, Authorization: `Bearer ${key}` },
      judge: (e) => accepted(e, 'the same valid key in both headers'),
    },
    {
      label: `a valid ${apiKeyHeader} with an invalid bearer token`,
      headers: { [apiKeyHeader]: key, Authorization: `Bearer ${fakeJwt}` },
      judge: (e) => refusedNaming(e, 'Authorization', `a valid ${apiKeyHeader} with an invalid bearer token`),
    },
    {
      label: `an invalid ${apiKeyHeader} with a valid bearer key`,
      headers: { [apiKeyHeader]: fakeKey, Authorization: `Bearer ${key}` },
      judge: (e) => refusedNaming(e, apiKeyHeader, `an invalid ${apiKeyHeader} with a valid bearer key`),
    },
  ];
  const rotated = await rotatedKey(ctx);
  if (!rotated) {
    ctx.recorder.record(
      name,
      op,
      skip('could not create and rotate a key: the pairs of two valid keys are not probed'),
    );
    return pairs;
  }
  return [
    ...pairs,
    {
      label: `a key's old secret in ${apiKeyHeader}, its new one as bearer (one principal)`,
      headers: { [apiKeyHeader]: rotated.old, Authorization: `Bearer ${rotated.fresh}` },
      judge: (e) => accepted(e, "a rotated key's old and new secret"),
    },
    {
      label: `the run's key in ${apiKeyHeader}, another valid key as bearer (two principals)`,
      headers: { [apiKeyHeader]: key, Authorization: `Bearer ${rotated.fresh}` },
      judge: (e) => refusedNaming(e, 'Authorization', 'two valid keys of different principals'),
    },
  ];
}

/** Pairs around the run's session token: the same token twice, an invalid key beside it, a key of another credential. */
async function pairsAroundTheSession(p: Pairing, session: string): Promise<Pair[]> {
  const { ctx, apiKeyHeader, fakeKey } = p;
  const jwt = session.replace(/^Bearer\s+/i, '');
  const pairs: Pair[] = [
    {
      label: `the run's token in both ${apiKeyHeader} and Authorization: Bearer (one credential)`,
      headers: { [apiKeyHeader]: jwt, Authorization: session },
      judge: (e) => accepted(e, 'the same valid token in both headers'),
    },
    {
      label: `a valid bearer JWT with an invalid ${apiKeyHeader}`,
      headers: { [apiKeyHeader]: fakeKey, Authorization: session },
      judge: (e) => refusedNaming(e, apiKeyHeader, `a valid bearer JWT with an invalid ${apiKeyHeader}`),
    },
  ];
  // The user's session and a key the user made are two credentials (the contract's principal is the credential).
  const key = await createdKey(ctx);
  if (key)
    pairs.push({
      label: `a valid bearer JWT with a valid ${apiKeyHeader} of another credential`,
      headers: { [apiKeyHeader]: key.key, Authorization: session },
      judge: (e) => refusedNaming(e, 'Authorization', 'a bearer JWT beside a key of another principal'),
    });
  return pairs;
}

async function run(ctx: CheckContext): Promise<void> {
  const op = target(ctx);
  if (!op || !ctx.judges(name, op)) return;
  const apiKeyHeader =
    op.securitySchemes.find((s) => s.type === 'apiKey' && s.in === 'header')?.paramName ?? 'X-API-Key';
  const own = await ctx.authHeaders(op, bareCase('credential'));
  const key = own[apiKeyHeader];
  const session = ctx.credential instanceof SessionCredential ? (own.Authorization ?? '') : '';
  const pairing: Pairing = {
    ctx,
    op,
    apiKeyHeader,
    fakeKey: `rg_live_${nonce(ctx, 32, name, 'key')}`,
    fakeJwt: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.${nonce(ctx, 43, name, 'jwt')}`,
  };
  const pairs = key
    ? await pairsAroundTheKey(pairing, key)
    : session
      ? await pairsAroundTheSession(pairing, session)
      : [];
  if (pairs.length === 0) {
    ctx.recorder.record(name, op, skip('needs a credential of the run (--api-key or --email/--password)'));
    return;
  }
  for (const pair of pairs) {
    const exchange = await probe(
      ctx,
      name,
      op,
      bareCase(`credential_precedence: ${pair.label}`, { auth: { headers: pair.headers } }),
    );
    if (exchange?.response.status === 404) {
      // The server does not serve the probe operation: no pair can be judged on it.
      const reason = `cannot judge: ${op.operationId} (the probe operation) answered 404, so the server does not serve it; select one it serves (--operations) or name it with --probe-operation`;
      return ctx.recorder.record(name, op, skip(reason), exchange);
    }
    if (exchange) ctx.recorder.record(name, op, pair.judge(exchange), exchange);
  }
}

export const credentialPrecedence = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'probe',
  description:
    'X-API-Key and Authorization: Bearer together: a valid pair naming one principal is accepted; one invalid header gets a 401 that names it.',
  run,
  clause:
    'Authentication (API description), `ApiKeyAuth`/`BearerAuth`: same value = one credential; different values both valid and one principal, else 401 naming the refused header',
  profiles: {
    prism: [{ reason: 'Prism only checks that a credential is present; any pair of values passes' }],
  },
});
