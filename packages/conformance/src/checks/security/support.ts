/**
 * @module What the security checks share: their shape, cases, deterministic nonces, and a
 * sender that does not wait out 429s (for the checks that want to see them), optionally from a
 * dedicated loopback address so a spent failure budget never locks out the run's own.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Case } from '../../generate/case.ts';
import { buildRequest } from '../../http/build-request.ts';
import { retryDelayMs } from '../../http/retry-after.ts';
import { type Connections, send } from '../../http/send.ts';
import type { PreparedRequest } from '../../http/types.ts';
import type { RunContext } from '../../run/context.ts';
import { isJsonMediaType } from '../../spec/lookup.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import type { CheckName, Exchange } from '../types.ts';

/** A check of the security set: it sends its own probes once per run. */
export interface SecurityCheck {
  readonly name: CheckName;
  readonly kind: 'security';
  readonly description: string;
  /**
   * `probe`: after the operations, before clean-up. `last`: after clean-up, because it spends
   * a budget the run's own credential may need (failed-authentication limits).
   */
  readonly stage: 'probe' | 'last';
  run(ctx: RunContext): Promise<void>;
}

/** The operation with `operationId`, if the document has it. */
export function operation(ctx: RunContext, operationId: string): OperationSpec | undefined {
  return ctx.spec.operations.find((o) => o.operationId === operationId);
}

/** A case with nothing in it but what is given. */
export function bareCase(description: string, parts: Partial<Omit<Case, 'description'>> = {}): Case {
  return { pathParams: {}, query: {}, headers: {}, body: undefined, auth: 'default', ...parts, description };
}

/** A JSON body for a case. */
export function jsonBody(value: Json): Case['body'] {
  return { contentType: 'application/json', value };
}

/** A base62 string of `length` derived from the run seed and `parts` (reproducible, unguessable by the server). */
export function nonce(ctx: RunContext, length: number, ...parts: readonly (string | number)[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256')
      .update(`${ctx.settings.seed}:${parts.join(':')}:${i}`)
      .digest('base64')
      .replace(/[^A-Za-z0-9]/g, '');
  }
  return out.slice(0, length);
}

/**
 * A base62 string of `length` that differs on every call: for accounts that must be new to the
 * server (a per-account failure budget spent by an earlier run must not decide this one).
 */
export function fresh(length: number): string {
  return randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);
}

/** Parses a body as JSON when the response says it is JSON. */
export function parseJson(headers: Readonly<Record<string, string>>, text: string): Json | undefined {
  const type = headers['content-type'];
  if (!type || !isJsonMediaType(type) || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** `error.code` (the contract's envelope) or `error` (RFC 6749 §5.2) of an error body. */
export function errorCode(json: Json | undefined): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const error = (json as { readonly [k: string]: Json }).error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
    const code = (error as { readonly [k: string]: Json }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** `error.message` (or `error_description`) of an error body, `''` when none. */
export function errorMessage(json: Json | undefined): string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return '';
  const body = json as { readonly [k: string]: Json };
  if (typeof body.error_description === 'string') return body.error_description;
  const error = body.error;
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
    const message = (error as { readonly [k: string]: Json }).message;
    return typeof message === 'string' ? message : '';
  }
  return '';
}

/**
 * Sends through the run (safety rules, redaction, 429s waited out, every response check); on
 * no response records an error under `check` × `op` and returns `undefined`.
 */
export async function probe(
  ctx: RunContext,
  check: CheckName,
  op: OperationSpec,
  testCase: Case,
  recordOn: OperationSpec = op,
): Promise<Exchange | undefined> {
  const sent = await ctx.send(op, testCase, 'probe', ctx.settings.seed);
  if (!sent.ok) {
    ctx.recorder.error(check, recordOn, sent.reason);
    return undefined;
  }
  return sent.exchange;
}

function agents(localAddress: string | undefined): Connections {
  return keepAliveAgents({ maxSockets: 1, ...(localAddress ? { localAddress } : {}) });
}

/** Keep-alive HTTP and HTTPS agents with `options` (sockets, source address), closed together. */
export function keepAliveAgents(options: { maxSockets: number; localAddress?: string }): Connections {
  const httpAgent = new http.Agent({ keepAlive: true, ...options });
  const httpsAgent = new https.Agent({ keepAlive: true, ...options });
  return {
    http: httpAgent,
    https: httpsAgent,
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  } as Connections;
}

function isLoopbackV4(hostname: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Sends requests one at a time without waiting out 429s (a check that wants to see the 429
 * gets it). Against a server on 127.0.0.1 the requests leave from another loopback address
 * (127.0.0.2–254), so what they spend is not the run's own per-address budget.
 */
export class DirectSender {
  private connections: Connections;
  /** The source address, when a dedicated one is used. */
  localAddress: string | undefined;

  constructor(
    private readonly ctx: RunContext,
    dedicatedAddress: boolean,
    private readonly timeoutMs = 10_000,
  ) {
    const host = new URL(ctx.settings.baseUrl).hostname;
    this.localAddress =
      dedicatedAddress && isLoopbackV4(host)
        ? `127.0.0.${2 + Math.floor(Math.random() * 253)}` // not seeded: two runs should not share one
        : undefined;
    this.connections = agents(this.localAddress);
  }

  /** Builds the request for `testCase` (with the run's credential when `auth` is `default`). */
  async prepare(
    op: OperationSpec | undefined,
    testCase: Case,
    method = op?.method ?? 'GET',
    path = op?.path ?? '/',
  ): Promise<PreparedRequest> {
    const auth = await this.ctx.authHeaders(op, testCase);
    return buildRequest(this.ctx.settings.baseUrl, method, path, op, testCase, auth);
  }

  /**
   * Sends and waits out 429s as the run does (Retry-After, `--max-retry-wait`, retries): for
   * probes that want an answer to judge, not a rate limit.
   */
  async sendPatiently(
    op: OperationSpec | undefined,
    testCase: Case,
    request: PreparedRequest,
  ): Promise<{ ok: true; exchange: Exchange } | { ok: false; reason: string; rateLimited?: true }> {
    const { policy, sleep } = this.ctx.client;
    for (let attempt = 0; ; attempt++) {
      const sent = await this.send(op, testCase, request);
      if (!sent.ok || sent.exchange.response.status !== 429) return sent;
      const asked = retryDelayMs(sent.exchange.response.headers) ?? policy.fallbackWaitMs * 2 ** attempt;
      if (attempt >= policy.maxRetries || asked > policy.maxWaitMs)
        return {
          ok: false,
          rateLimited: true,
          reason: `rate limited (429, Retry-After ${Math.round(asked / 1000)} s) after ${attempt} retries`,
        };
      const wait = asked;
      this.ctx.client.waits.push(wait);
      await sleep(wait);
    }
  }

  /** Sends once; an exchange (phase `probe`) or the reason there is none. */
  async send(
    op: OperationSpec | undefined,
    testCase: Case,
    request: PreparedRequest,
  ): Promise<{ ok: true; exchange: Exchange } | { ok: false; reason: string }> {
    this.ctx.client.requests++;
    let outcome = await send(request, this.timeoutMs, this.connections);
    if (outcome.kind === 'error' && this.localAddress && /EADDRNOTAVAIL|bind/i.test(outcome.error)) {
      // Only 127.0.0.1 is configured here (macOS): fall back to the run's own address.
      this.connections.close();
      this.localAddress = undefined;
      this.connections = agents(undefined);
      outcome = await send(request, this.timeoutMs, this.connections);
    }
    if (outcome.kind === 'error')
      return { ok: false, reason: `no response to ${request.method} ${request.url}: ${outcome.error}` };
    const { response } = outcome;
    const exchange: Exchange = {
      operation: op,
      phase: 'probe',
      testCase,
      request,
      response,
      json: parseJson(response.headers, response.bodyText),
      jsonError: undefined,
      seed: this.ctx.settings.seed,
    };
    this.ctx.onExchange?.(exchange);
    return { ok: true, exchange };
  }

  close(): void {
    this.connections.close();
  }
}
