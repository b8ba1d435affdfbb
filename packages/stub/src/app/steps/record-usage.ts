import { keyDigest } from '../../auth/api-key-secret.ts';
import { presentedApiKey } from '../../auth/authenticate.ts';
import type { Principal } from '../../auth/principal.ts';
import type { StubResponse } from '../../http/exchange.ts';
import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/** `error.code` of the envelope, or `error` of an OAuth error body (both come first in their object). */
const ERROR_CODE = /"(?:code|error)":"([a-z_]{1,64})"/;
/** Anything in a user agent that looks like an API key or a JWT is masked before it is kept. */
const SECRET_LIKE = /rg_(?:live|test)_[A-Za-z0-9]*|eyJ[\w-]*\.[\w-]*\.?[\w-]*/g;
const USER_AGENT_MAX = 256;

/** Records the finished request, whatever its answer (see {@link recordRequest}). */
export const recordUsage: Step<Exchange> = (ex, next) => {
  const startedAt = performance.now();
  const answer = next();
  if (answer instanceof Promise) {
    return answer.then((response) => {
      recordRequest(ex, response, startedAt);
      return response;
    });
  }
  recordRequest(ex, answer, startedAt);
  return answer;
};

/**
 * Records a finished request in its account's request log and usage series (the contract's
 * "Usage"): the credential that made it — or the API key it presented when that key was refused as
 * deactivated, expired or rotated out — never a secret, a query string or a body. Requests that
 * name no account (no credential, an unknown key, an invalid token) are not recorded.
 */
function recordRequest(ex: Exchange, response: StubResponse, startedAt: number): void {
  const durationMs = Math.round((performance.now() - startedAt) * 100) / 100;
  const credential = ex.principal ?? (response.status === 401 ? refusedKeyOf(ex) : undefined);
  if (credential === undefined) return;
  const request = ex.request;
  const op = ex.route.op;
  ex.deps.services.usage.record({
    accountId: credential.accountId,
    mode: credential.mode,
    atMs: Date.now(),
    requestId: ex.requestId,
    method: op.method,
    operationId: op.operationId,
    path: op.path,
    status: response.status,
    durationMs,
    credentialType: credential.type,
    credentialId: credential.id,
    keyPrefix: credential.keyPrefix ?? null,
    clientAddress:
      request.remoteAddress.length > 64 ? request.remoteAddress.slice(0, 64) : request.remoteAddress,
    userAgent: userAgentOf(request.header('user-agent')),
    errorCode:
      response.status >= 400 && typeof response.body === 'string' ? errorCodeOf(response.body) : null,
  });
}

/** Who a request is recorded against: its principal, or the known API key it presented. */
type RecordedCredential = Pick<Principal, 'accountId' | 'mode' | 'type' | 'id' | 'keyPrefix'>;

/** The known API key a refused request presented (deactivated, expired or rotated out). */
function refusedKeyOf(ex: Exchange): RecordedCredential | undefined {
  const secret = presentedApiKey(ex.request);
  const key = secret === undefined ? undefined : ex.deps.services.apiKeys.named(keyDigest(secret));
  if (key === undefined) return undefined;
  return {
    accountId: key.accountId,
    mode: key.environment,
    type: 'api_key',
    id: key.id,
    keyPrefix: key.keyPrefix,
  };
}

function errorCodeOf(body: string): string | null {
  return ERROR_CODE.exec(body.slice(0, 200))?.[1] ?? null;
}

function userAgentOf(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  // The common user agent holds neither: no regular expression runs for it.
  const masked =
    header.includes('rg_') || header.includes('eyJ') ? header.replace(SECRET_LIKE, '[masked]') : header;
  return masked.length > USER_AGENT_MAX ? masked.slice(0, USER_AGENT_MAX) : masked;
}
