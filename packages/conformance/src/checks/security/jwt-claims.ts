/**
 * @module jwt_claims: a bearer JWT is accepted only as issued (RFC 8725, the contract's
 * BearerAuth): `alg: none`, a forged signature, a tampered payload, a refresh token in place of
 * an access token, and — correctly signed — an expired token, one issued or valid only in the
 * future (`iat`/`nbf` a day ahead), one from another issuer or for another audience are each
 * refused with 401. The probes start from a real token of the server (the run's session, else a
 * session of the `--email`/`--password` user given besides the key, else a client-credentials
 * token of `--oauth-client`), sent to the probe operation when it takes a bearer token; the signed ones need the server's HS256 secret
 * (`--jwt-secret`, test servers only), checked first by re-signing the real token unchanged.
 */
import { createHmac } from 'node:crypto';
import { SessionCredential } from '../../auth/session.ts';
import { isObject } from '../../spec/json-pointer.ts';
import type { JsonObject, OperationSpec } from '../../spec/types.ts';
import {
  bareCase,
  call,
  data,
  jsonBody,
  nonce,
  operation,
  probe,
  probeOperation,
  tokenRequest,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, fail, PASS, skip } from '../api.ts';

export const name = 'jwt_claims';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode(part: string | undefined): JsonObject | undefined {
  try {
    const value = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as unknown;
    return isObject(value as never) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

const HMAC: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function sign(header: JsonObject, payload: JsonObject, secret: string, alg: string): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac(HMAC[alg] ?? 'sha256', secret)
    .update(input)
    .digest('base64url')}`;
}

const takesBearer = (op: OperationSpec): boolean =>
  op.securitySchemes.some((s) => s.type === 'http' || s.type === 'oauth2');

/**
 * The operation probed: the run's probe operation (support/probe-operation.ts) when it takes a
 * bearer token, else any bearer GET without path parameters.
 */
function target(ctx: CheckContext): OperationSpec | undefined {
  const probed = probeOperation(ctx);
  if (probed && takesBearer(probed)) return probed;
  return ctx.spec.operations.find(
    (o) => o.method === 'GET' && o.auth === 'required' && !o.path.includes('{') && takesBearer(o),
  );
}

/** Tokens of a session of the user given besides the API key (`--email`/`--password`). */
async function userSession(
  ctx: CheckContext,
  recordOn: OperationSpec,
): Promise<{ readonly access?: string; readonly refresh?: string }> {
  const user = ctx.settings.semantics?.user;
  const login = operation(ctx, 'login');
  if (!user || !login) return {};
  const loggedIn = await call(
    ctx,
    name,
    login,
    'log in as the given user, for a real token',
    { auth: 'none', body: jsonBody({ email: user.email, password: user.password }) },
    recordOn,
  );
  const d = data(loggedIn);
  const access = typeof d?.accessToken === 'string' ? d.accessToken : undefined;
  const refresh = typeof d?.refreshToken === 'string' ? d.refreshToken : undefined;
  for (const token of [access, refresh]) if (token) ctx.redactor.add(token, '$REGEN_ISSUED_TOKEN');
  return { ...(access ? { access } : {}), ...(refresh ? { refresh } : {}) };
}

/** A real access token of the server (and a refresh token of the same family, when a session gave one). */
async function realToken(
  ctx: CheckContext,
  recordOn: OperationSpec,
): Promise<{ readonly access?: string; readonly refresh?: string }> {
  if (ctx.credential instanceof SessionCredential) {
    // The second session first: a login can take longer than a short-lived access token lives,
    // and the control probe must send the run's token while it is still valid.
    const other = await ctx.credential.openSession();
    const header = (await ctx.credential.headers()).Authorization ?? '';
    const access = header.replace(/^Bearer\s+/i, '');
    return { ...(access ? { access } : {}), ...(other.refreshToken ? { refresh: other.refreshToken } : {}) };
  }
  // The key drives the run, but a user given besides it has tokens of the server too.
  const session = await userSession(ctx, recordOn);
  if (session.access) return session;
  const client = ctx.settings.oauthClient;
  const tokenOp = operation(ctx, 'createOAuthToken');
  if (!client?.secret || !tokenOp) return {};
  const exchange = await probe(
    ctx,
    name,
    tokenOp,
    tokenRequest(
      bareCase('jwt_claims: a real token to start from', { auth: 'none', body: jsonBody({}) }),
      client,
    ),
    recordOn,
  );
  const token = isObject(exchange?.json) ? exchange.json.access_token : undefined;
  if (typeof token !== 'string') return {};
  ctx.redactor.add(token, '$REGEN_ISSUED_TOKEN');
  return { access: token };
}

/** A JWT split into its parts, header and payload decoded. */
interface Jwt {
  readonly token: string;
  readonly h: string;
  readonly p: string;
  readonly s: string;
  readonly header: JsonObject;
  readonly payload: JsonObject;
}

function parseJwt(token: string | undefined): Jwt | undefined {
  const [h, p, s] = token?.split('.') ?? [];
  const header = decode(h);
  const payload = decode(p);
  if (!token || !header || !payload || h === undefined || p === undefined || s === undefined)
    return undefined;
  return { token, h, p, s, header, payload };
}

/** A token variant to send, or why it cannot be built. */
interface Variant {
  readonly variant: string;
  readonly jwt: string | undefined;
  readonly why?: string;
}

function bearer(jwt: string, label: string) {
  return bareCase(`jwt_claims: ${label}`, { auth: { headers: { Authorization: `Bearer ${jwt}` } } });
}

/** Control: the token as issued passes, else its variants prove nothing (error recorded). */
async function tokenAsIssuedPasses(ctx: CheckContext, op: OperationSpec, token: string): Promise<boolean> {
  const control = await probe(ctx, name, op, bearer(token, 'control, the token as issued'));
  if (!control) return false;
  if (control.response.status < 300) return true;
  if (control.response.status === 404) {
    const reason = `cannot judge: ${op.operationId} (the probe operation) answered 404, so the server does not serve it; select one it serves (--operations) or name it with --probe-operation`;
    ctx.recorder.record(name, op, skip(reason), control);
    return false;
  }
  ctx.recorder.error(
    name,
    op,
    `the token as issued was refused (${control.response.status}); its variants prove nothing`,
  );
  return false;
}

/** Variants anyone can build: no algorithm, another key's signature, a payload changed after signing. */
function unsignedVariants(ctx: CheckContext, jwt: Jwt): Variant[] {
  const { header, payload, h, p, s } = jwt;
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const otherKey = nonce(ctx, 32, name, 'forged');
  return [
    { variant: 'none-alg', jwt: `${b64({ ...header, alg: 'none' })}.${p}.` },
    { variant: 'forged-signature', jwt: sign(header, payload, otherKey, HMAC[alg] ? alg : 'HS256') },
    {
      variant: 'tampered-payload',
      jwt: `${h}.${b64({ ...payload, scope: 'read:* write:*', sub: `${String(payload.sub ?? 'x')}x` })}.${s}`,
    },
  ];
}

/**
 * Why `--jwt-secret` cannot sign variants (`undefined`: it can; its control passed), or `null`
 * when the control got no response.
 */
async function whySecretCannotSign(
  ctx: CheckContext,
  op: OperationSpec,
  jwt: Jwt,
): Promise<string | undefined | null> {
  const secret = ctx.settings.jwtSecret;
  const alg = typeof jwt.header.alg === 'string' ? jwt.header.alg : '';
  if (secret === undefined) return "needs the server's signing secret (--jwt-secret)";
  if (HMAC[alg] === undefined) return `tokens are ${alg}; --jwt-secret signs HS256/384/512 only`;
  // Control: re-signed unchanged, the token passes; else the secret given is not the server's.
  const resigned = await probe(
    ctx,
    name,
    op,
    bearer(sign(jwt.header, jwt.payload, secret, alg), 'control, re-signed with --jwt-secret'),
  );
  if (!resigned) return null;
  return resigned.response.status >= 300
    ? `the token re-signed with --jwt-secret is refused (${resigned.response.status}): not the server's secret`
    : undefined;
}

/** Variants signed with the server's secret: expired, issued or valid only in the future, foreign issuer or audience. */
function claimVariants(ctx: CheckContext, jwt: Jwt, why: string | undefined): Variant[] {
  const { header, payload } = jwt;
  const secret = ctx.settings.jwtSecret;
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const now = Math.floor(Date.now() / 1000);
  const signed = (claims: JsonObject) =>
    secret !== undefined && why === undefined
      ? sign(header, { ...payload, ...claims }, secret, alg)
      : undefined;
  const unless = why ? { why } : {};
  const variants: Variant[] = [
    { variant: 'expired', jwt: signed({ iat: now - 7200, exp: now - 3600 }), ...unless },
    {
      variant: 'future-iat',
      jwt: signed({
        iat: now + 86_400,
        exp: now + 90_000,
        ...(payload.nbf !== undefined ? { nbf: now + 86_400 } : {}),
      }),
      ...unless,
    },
    { variant: 'future-nbf', jwt: signed({ nbf: now + 86_400 }), ...unless },
  ];
  if (payload.iss !== undefined)
    variants.push({
      variant: 'foreign-issuer',
      jwt: signed({ iss: 'urn:conformance:foreign-issuer' }),
      ...unless,
    });
  if (payload.aud !== undefined)
    variants.push({
      variant: 'foreign-audience',
      jwt: signed({ aud: 'urn:conformance:foreign-audience' }),
      ...unless,
    });
  return variants;
}

/** Every variant is refused with 401. */
async function eachVariantIsRefused(
  ctx: CheckContext,
  op: OperationSpec,
  variants: readonly Variant[],
): Promise<void> {
  for (const { variant, jwt, why: reason } of variants) {
    if (jwt === undefined) {
      ctx.recorder.record(name, op, skip(`${variant}: ${reason ?? 'cannot be built'}`));
      continue;
    }
    const exchange = await probe(ctx, name, op, bearer(jwt, variant));
    if (!exchange) continue;
    const { status } = exchange.response;
    ctx.recorder.record(
      name,
      op,
      status === 401
        ? PASS
        : fail(`${variant}: a token ${DESCRIBE[variant]} answered ${status}, expected 401`, variant),
      exchange,
    );
  }
}

async function run(ctx: CheckContext): Promise<void> {
  const op = target(ctx);
  if (!op || !ctx.judges(name, op)) return;
  const tokens = await realToken(ctx, op);
  const jwt = parseJwt(tokens.access);
  if (!jwt) {
    const reason = tokens.access
      ? 'the access token the server issued is not a JWT'
      : 'needs a real access token: run with --email/--password, or --oauth-client ID:SECRET';
    ctx.recorder.record(name, op, skip(reason));
    return;
  }
  // The tampered variant keeps the real signature and the none variant the real payload: together
  // they would rebuild the token in a report, so the signature is a secret too.
  ctx.redactor.add(jwt.s, '$REGEN_TOKEN_SIGNATURE');
  if (!(await tokenAsIssuedPasses(ctx, op, jwt.token))) return;
  const variants = unsignedVariants(ctx, jwt);
  // A refresh token is a JWT of the same server with another `typ`: it must not pass as an access token.
  if (tokens.refresh) variants.push({ variant: 'refresh-as-access', jwt: tokens.refresh });
  const why = await whySecretCannotSign(ctx, op, jwt);
  if (why === null) return;
  await eachVariantIsRefused(ctx, op, [...variants, ...claimVariants(ctx, jwt, why)]);
}

const DESCRIBE: Readonly<Record<string, string>> = {
  'none-alg': 'with alg "none" and no signature',
  'forged-signature': 'signed with another key',
  'tampered-payload': 'whose payload was changed after signing',
  expired: 'that expired an hour ago',
  'future-iat': 'issued a day in the future',
  'future-nbf': 'not valid before tomorrow',
  'foreign-issuer': 'from another issuer',
  'foreign-audience': 'for another audience',
  'refresh-as-access': 'that is a refresh token, not an access token',
};

export const jwtClaims = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'probe',
  description:
    'Bearer JWTs with alg none, a forged signature, a tampered payload, an expired exp or a future iat are refused with 401.',
  run,
  clause:
    'BearerAuth: RFC 8725 (algorithm pinned, signature, `typ`, issuer, audience, `exp` strict, `iat`/`nbf` over 30 s ahead refused), 401 `invalid_token`',
});
