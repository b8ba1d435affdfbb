/**
 * @module credential_precedence: a request carrying both `X-API-Key` and `Authorization: Bearer`
 * follows the contract's rule for two credentials (issue 9 #9): a valid pair naming the same
 * principal is accepted; when one of the two is invalid the answer is 401 and says which header
 * was refused — never a silent choice of one header over the other.
 */
import { SessionCredential } from '../../auth/session.ts';
import type { RunContext } from '../../run/context.ts';
import type { OperationSpec } from '../../spec/types.ts';
import { type Exchange, fail, PASS, skip, type Verdict } from '../types.ts';
import { bareCase, errorMessage, nonce, operation, probe, type SecurityCheck } from './support.ts';

export const name = 'credential_precedence';

/** The operation probed: one that accepts both schemes, the current user preferably. */
function target(ctx: RunContext): OperationSpec | undefined {
  const both = (o: OperationSpec) =>
    o.securitySchemes.some((s) => s.type === 'apiKey' && s.in === 'header') &&
    o.securitySchemes.some((s) => s.type === 'http' && s.scheme === 'bearer');
  const me = operation(ctx, 'getCurrentUser');
  return me && both(me)
    ? me
    : ctx.spec.operations.find(
        (o) => o.method === 'GET' && o.auth === 'required' && !o.path.includes('{') && both(o),
      );
}

/** Whether a 401 names the refused header (in its message, a field of its error, or WWW-Authenticate). */
export function namesHeader(exchange: Exchange, header: string): boolean {
  const pattern =
    header.toLowerCase() === 'authorization' ? /authorization|bearer/i : new RegExp(header, 'i');
  const message = errorMessage(exchange.json);
  const error =
    typeof exchange.json === 'object' && exchange.json !== null && !Array.isArray(exchange.json)
      ? JSON.stringify((exchange.json as Record<string, unknown>).error ?? '')
      : '';
  return pattern.test(message) || pattern.test(error);
}

function refusedNaming(exchange: Exchange, header: string, label: string): Verdict {
  const { status } = exchange.response;
  if (status !== 401)
    return fail(`${label}: answered ${status}, expected 401 naming ${header}`, 'not-refused');
  if (!namesHeader(exchange, header))
    return fail(
      `${label}: 401 does not say that ${header} was refused: ${JSON.stringify(errorMessage(exchange.json))}`,
      'unclear',
    );
  return PASS;
}

async function run(ctx: RunContext): Promise<void> {
  const op = target(ctx);
  if (!op || !ctx.judges(name, op)) return;
  const apiKeyHeader =
    op.securitySchemes.find((s) => s.type === 'apiKey' && s.in === 'header')?.paramName ?? 'X-API-Key';
  const own = await ctx.authHeaders(op, bareCase('credential'));
  const key = own[apiKeyHeader];
  const session = ctx.credential instanceof SessionCredential ? (own.Authorization ?? '') : '';
  const fakeKey = `rg_live_${nonce(ctx, 32, name, 'key')}`;
  const fakeJwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.${nonce(ctx, 43, name, 'jwt')}`;
  const pairs: { label: string; headers: Record<string, string>; judge: (e: Exchange) => Verdict }[] = [];
  if (key) {
    pairs.push(
      {
        label: `the run's key in both ${apiKeyHeader} and Authorization: Bearer`,
        headers: { [apiKeyHeader]: key, Authorization: `Bearer ${key}` },
        judge: (e) =>
          e.response.status < 300
            ? PASS
            : fail(
                `the same valid key in both headers: answered ${e.response.status}, expected 2xx`,
                'valid-pair-refused',
              ),
      },
      {
        label: `a valid ${apiKeyHeader} with an invalid bearer token`,
        headers: { [apiKeyHeader]: key, Authorization: `Bearer ${fakeJwt}` },
        judge: (e) =>
          refusedNaming(e, 'Authorization', `a valid ${apiKeyHeader} with an invalid bearer token`),
      },
      {
        label: `an invalid ${apiKeyHeader} with a valid bearer key`,
        headers: { [apiKeyHeader]: fakeKey, Authorization: `Bearer ${key}` },
        judge: (e) =>
          refusedNaming(e, apiKeyHeader, `an invalid ${apiKeyHeader} with a valid bearer credential`),
      },
    );
  } else if (session) {
    pairs.push({
      label: `a valid bearer JWT with an invalid ${apiKeyHeader}`,
      headers: { [apiKeyHeader]: fakeKey, Authorization: session },
      judge: (e) => refusedNaming(e, apiKeyHeader, `a valid bearer JWT with an invalid ${apiKeyHeader}`),
    });
  }
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
    if (exchange) ctx.recorder.record(name, op, pair.judge(exchange), exchange);
  }
}

export const credentialPrecedence: SecurityCheck = {
  name,
  kind: 'security',
  stage: 'probe',
  description:
    'X-API-Key and Authorization: Bearer together: a valid pair naming one principal is accepted; one invalid header gets a 401 that names it.',
  run,
};
