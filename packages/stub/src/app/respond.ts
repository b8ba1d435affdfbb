import type { RawResult } from '../handlers/raw-handler.ts';
import { ApiError } from '../http/api-error.ts';
import { CLIENT_CLOSED_REQUEST, ClientClosedRequest, clientClosedResponse } from '../http/client-closed.ts';
import { errorEnvelope, JSON_TYPE, oauthErrorBody } from '../http/error-body.ts';
import type { StubResponse } from '../http/exchange.ts';
import { OAuthError } from '../http/oauth-error.ts';
import { writeJson } from '../validation/write-json.ts';
import type { Exchange, Violation } from './exchange-context.ts';

/**
 * Serializes a handler result after checking it against the contract (500 on a violation); with
 * validation on, a JSON body is checked by its generated fast check first (Ajv only when that is not sure).
 */
export function finish(ex: Exchange, result: RawResult): StubResponse {
  const out = result.headers ? { ...ex.headers, ...result.headers } : ex.headers;
  const json = result.contentType === undefined && result.body !== undefined;
  if (ex.deps.validateResponses) {
    if (json) {
      const written = ex.route.validation.writeResponse(result.status, result.body);
      if (!written.ok) return violation(ex, result.status, written.details);
      out['content-type'] = JSON_TYPE;
      return { status: result.status, headers: out, body: written.value };
    }
    const check = ex.route.validation.checkResponse(result.status, result.body, json);
    if (!check.ok) return violation(ex, result.status, check.details);
  }
  if (json) {
    out['content-type'] = JSON_TYPE;
    return { status: result.status, headers: out, body: writeJson(result.body) };
  }
  if (result.contentType !== undefined) out['content-type'] = result.contentType;
  return {
    status: result.status,
    headers: out,
    body: result.body === undefined ? undefined : String(result.body),
  };
}

/** Turns a thrown error into the operation's error response (checked like any response). */
export function fail(ex: Exchange, thrown: unknown): StubResponse {
  if (thrown instanceof OAuthError) {
    return finish(ex, { status: thrown.status, body: oauthErrorBody(thrown), headers: thrown.headers });
  }
  if (thrown instanceof ApiError) {
    const error = thrown;
    if (ex.route.oauthErrors && error.status === 400) {
      // RFC 6749 §5.2: the token endpoints describe malformed requests as invalid_request.
      const description =
        error.extra.details?.map((d) => `${d.path} ${d.message}`).join('; ') ?? error.message;
      return finish(ex, { status: 400, body: { error: 'invalid_request', error_description: description } });
    }
    const body = errorEnvelope(error, ex.requestId);
    return finish(
      ex,
      error.extra.headers
        ? { status: error.status, body, headers: error.extra.headers }
        : { status: error.status, body },
    );
  }
  if (thrown instanceof ClientClosedRequest) {
    // The client left while its body was read: logged at info (the client's doing, not an error)
    // and answered 499, never 500. The dispatcher then records it in the usage log with that
    // status, on purpose: the contract's "Usage" records every request made with a credential, this
    // one was authenticated and counted by the rate limits already, and 499 tells the integrator
    // their client gave up rather than that the server failed.
    ex.deps.logger.info('client closed request', {
      requestId: ex.requestId,
      operationId: ex.route.op.operationId,
      method: ex.request.method,
      path: ex.request.path,
      status: CLIENT_CLOSED_REQUEST,
    });
    return clientClosedResponse(ex.headers);
  }
  ex.deps.logger.error('handler failed', {
    requestId: ex.requestId,
    operationId: ex.route.op.operationId,
    error: describe(thrown),
  });
  return internalError(ex, new ApiError('internal_error'));
}

function violation(ex: Exchange, status: number, details: Violation['details']): StubResponse {
  const v: Violation = { requestId: ex.requestId, operationId: ex.route.op.operationId, status, details };
  ex.deps.logger.error('response violates the contract', { ...v });
  ex.deps.onViolation(v);
  return internalError(
    ex,
    new ApiError('internal_error', 'The stub produced a response that violates the contract'),
  );
}

function internalError(ex: Exchange, error: ApiError): StubResponse {
  return {
    status: 500,
    headers: { ...ex.headers, 'content-type': JSON_TYPE },
    body: JSON.stringify(errorEnvelope(error, ex.requestId)),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}
