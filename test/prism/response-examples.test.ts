/**
 * Against a Prism mock: every documented example of every response (served on demand with
 * `Prefer: code=…, example=…`) is accepted by the client. Success examples come back as data and
 * pass the runtime validator of `@regen/client/validation`; error examples become the typed error
 * of their status with the example's code, message and request id.
 */
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '@regen/client';
import { contractValidator, ResponseValidationError } from '@regen/client/validation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../support/child-server.ts';
import { type ResponseExample, responseExamples } from '../support/examples.ts';
import { authorizeQuery, type Clients, makeClients, operationCalls } from '../support/operation-calls.ts';
import { startPrismMock } from '../support/prism.ts';
import { describeViolations, type RecordingFetch, recordingFetch } from '../support/recording-fetch.ts';

let prism: ChildServer;
let recorder: RecordingFetch;
let clients: Clients;

beforeAll(async () => {
  prism = await startPrismMock();
  recorder = recordingFetch();
  clients = makeClients(prism.url, recorder.fetch, { maxRetries: 0, validate: contractValidator() });
});
afterAll(() => prism?.close());

const examples = responseExamples();

const errorClassByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
  503: InternalServerError,
};

interface EnvelopeError {
  error: { code: string; message: string; requestId: string; details?: unknown[]; scope?: string };
}
interface OAuthErrorBody {
  error: string;
  error_description?: string;
}

function prefer(example: ResponseExample): string {
  return example.name === undefined
    ? `code=${example.status}`
    : `code=${example.status}, example=${example.name}`;
}

const title = (e: ResponseExample) => `${e.operationId} ${e.status} ${e.name ?? '(no body)'}`;

describe('every response example is accepted by the client', () => {
  it('covers a few hundred examples, every operation and every status class', () => {
    expect(examples.length).toBeGreaterThan(400);
    expect(new Set(examples.map((e) => e.operationId)).size).toBe(Object.keys(operationCalls).length);
    expect(examples.some((e) => e.status < 300)).toBe(true);
    expect(examples.some((e) => e.status >= 400 && e.status < 500)).toBe(true);
    expect(examples.some((e) => e.status >= 500)).toBe(true);
  });

  const success = examples.filter((e) => e.status < 400);
  const errors = examples.filter((e) => e.status >= 400);

  it.each(success.map((e) => [title(e), e] as const))('%s → data', async (_t, example) => {
    const options = { headers: { prefer: prefer(example) } };
    const outcome = await operationCalls[example.operationId](clients, options);
    const value = example.value as
      | { data?: unknown; hasMore?: boolean; nextCursor?: string | null }
      | undefined;
    switch (outcome.kind) {
      case 'data':
        expect(outcome.value).toEqual(value?.data);
        break;
      case 'body':
        expect(outcome.value).toEqual(value);
        break;
      case 'page':
        expect(outcome.page.data).toEqual(value?.data);
        expect(outcome.page.hasMore).toBe(value?.hasMore);
        expect(outcome.page.nextCursor).toBe(value?.nextCursor ?? null);
        break;
      case 'navigation':
        expect(outcome.status).toBe(example.status);
        if (example.status === 302) expect(outcome.code).toMatch(/^ac_/);
        else expect(outcome.text).toBe(example.value);
        break;
    }
  });

  it.each(errors.map((e) => [title(e), e] as const))('%s → typed error', async (_t, example) => {
    const options = { headers: { prefer: prefer(example) } };
    const before = recorder.exchanges.length;
    // A browser navigates to /oauth/authorize, so the typed calls leave it out on purpose; its
    // JSON errors (429/5xx) are still read through the client's transport, untyped.
    const untypedGet = clients.apiKey.GET.bind(clients.apiKey) as unknown as (
      path: string,
      init: object,
    ) => Promise<unknown>;
    const call =
      example.operationId === 'authorize'
        ? untypedGet('/oauth/authorize', { params: { query: authorizeQuery }, ...options })
        : operationCalls[example.operationId](clients, options);
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    const served = recorder.exchanges.slice(before).filter((e) => e.status === example.status);

    expect(served.length, 'Prism did not serve the asked status').toBeGreaterThan(0);
    // RFC 6749 §5.2 `invalid_grant` / `invalid_client`: the credential is dead whatever the status,
    // so the client raises AuthenticationError (its `status` still says 400); see the client README, "Errors".
    const oauthCode = (example.value as Partial<OAuthErrorBody>).error;
    const credentialDead = oauthCode === 'invalid_grant' || oauthCode === 'invalid_client';
    expect(error).toBeInstanceOf(
      credentialDead ? AuthenticationError : (errorClassByStatus[example.status] ?? APIError),
    );
    const apiError = error as APIError;
    expect(apiError.status).toBe(example.status);

    const body = example.value as EnvelopeError | OAuthErrorBody;
    if (typeof body.error === 'string') {
      // RFC 6749 §5.2 body of an /oauth/* endpoint.
      expect(apiError.code).toBe(body.error);
      expect(apiError.error).toBe(body.error);
      expect(apiError.error_description).toBe((body as OAuthErrorBody).error_description);
    } else {
      expect(apiError.code).toBe(body.error.code);
      expect(apiError.message).toContain(body.error.message);
      expect(apiError.requestId).toBe(
        served.at(-1)?.responseHeaders.get('x-request-id') ?? body.error.requestId,
      );
      if (body.error.details) expect(apiError.details).toEqual(body.error.details);
      if (body.error.scope) expect((apiError as PermissionDeniedError).scope).toBe(body.error.scope);
    }
    if (example.status === 429) {
      const retryAfter = Number(served.at(-1)?.responseHeaders.get('retry-after'));
      expect((apiError as RateLimitError).retryAfterMs).toBe(retryAfter * 1000);
    }
  });

  it('the validator is live: a body that breaks the contract is refused', async () => {
    // The same Prism answer, with one field of the order changed to the wrong type on the way.
    const tampering: typeof fetch = async (input, init) => {
      const response = await recorder.fetch(input, init);
      const body = (await response.json()) as { data: { status: unknown } };
      body.data.status = 42;
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const { apiKey } = makeClients(prism.url, tampering, { maxRetries: 0, validate: contractValidator() });
    const error = await apiKey.orders.retrieve('ord_8x2Kq9Lm3Np').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).operationId).toBe('getOrder');
    expect((error as ResponseValidationError).issues.map((i) => i.path)).toContain('data.status');
  });

  it('no request of the whole run drew a violation report', () => {
    expect(recorder.exchanges.length).toBeGreaterThanOrEqual(examples.length);
    expect(describeViolations(recorder.violating())).toEqual([]);
  });
});
