/**
 * @module What the semantic checks share: their shape and settings, fresh keys of the
 * run's own (created with the run's credential, deleted at clean-up), requests as a given key or
 * token, a sender that does not wait out 429s and may send many requests at once, bounded waits.
 */
import type { Case } from '../../generate/case.ts';
import { buildRequest } from '../../http/build-request.ts';
import { send } from '../../http/send.ts';
import type { RunContext } from '../../run/context.ts';
import { isObject } from '../../spec/json-pointer.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import { createKey, keyAuth } from '../security/scope-escalation.ts';
import {
  bareCase,
  jsonBody,
  keepAliveAgents,
  nonce,
  operation,
  parseJson,
  probe,
} from '../security/support.ts';
import { type CheckName, type Exchange, fail, PASS, skip, type Verdict } from '../types.ts';

export { bareCase, fail, jsonBody, nonce, operation, PASS, probe, skip };

/** What the semantic checks read besides the run's settings. */
export interface SemanticSettings {
  /** Longest single wait a check sits through (a rotation grace, a refresh leeway); default 30 s. */
  readonly maxWaitMs: number;
  /** Most requests one check may send to spend a rate-limit budget; default 100. */
  readonly maxRequests: number;
  /** The server's tiers when they differ from the contract's documented ones (`standard=100/1h,…`). */
  readonly rateLimits?: string;
  /** A loopback `host:port` to receive webhook deliveries on. */
  readonly webhookListen?: string;
  /** A user, for the session checks (given besides the API key). */
  readonly user?: { readonly email: string; readonly password: string };
  /** A credential of another account on the same server (tenant_isolation, variant other-account). */
  readonly otherAccountKey?: string;
  /** A key of the same account in the other mode (tenant_isolation, variant other-mode). */
  readonly otherModeKey?: string;
}

export const DEFAULT_SEMANTIC_SETTINGS: SemanticSettings = { maxWaitMs: 30_000, maxRequests: 100 };

/** A check of the semantic set: it sends its own scenario once per run, before clean-up. */
export interface SemanticCheck {
  readonly name: CheckName;
  readonly kind: 'semantic';
  readonly description: string;
  /**
   * The operations it reports on (`scoped`: every one with x-required-scopes); with `--operations`
   * it runs only when one of them is selected. A function derives them from the document.
   */
  readonly operations: readonly string[] | 'scoped' | ((ctx: RunContext) => readonly string[]);
  /** The contract clause it enforces (README). */
  readonly clause: string;
  run(ctx: RunContext, settings: SemanticSettings): Promise<void>;
}

/** Records `verdict` of `check` on `op` when the run judges it. */
export function record(
  ctx: RunContext,
  check: CheckName,
  op: OperationSpec | undefined,
  verdict: Verdict,
  exchange?: Exchange,
): void {
  if (op && ctx.judges(check, op)) ctx.recorder.record(check, op, verdict, exchange);
}

/** `data` of a success envelope. */
export function data(exchange: Exchange | undefined): { readonly [k: string]: Json } | undefined {
  if (!exchange || !isObject(exchange.json)) return undefined;
  const d = exchange.json.data;
  return isObject(d) ? d : undefined;
}

/** `error` object of an error envelope. */
export function errorObject(exchange: Exchange | undefined): { readonly [k: string]: Json } | undefined {
  if (!exchange || !isObject(exchange.json)) return undefined;
  const e = exchange.json.error;
  return isObject(e) ? e : undefined;
}

/** Whether `exchange` is a 401 refusal with error code `code` (or with no code at all). */
export function refused401(exchange: Exchange, code: string): boolean {
  const got = errorObject(exchange)?.code;
  return exchange.response.status === 401 && (got === undefined || got === code);
}

/** The skip when the run's credential could not create the fresh key a check needs. */
export function noFreshKey(made: { readonly status: number }): Verdict {
  return skip(`the run's credential could not create a key (createApiKey answered ${made.status})`);
}

/** `status code` of an exchange, for messages. */
export function said(exchange: Exchange): string {
  const code = errorObject(exchange)?.code;
  const oauth = isObject(exchange.json) ? exchange.json.error : undefined;
  const name = typeof code === 'string' ? code : typeof oauth === 'string' ? oauth : '';
  return `${exchange.response.status}${name ? ` ${name}` : ''}`;
}

/** A key of the run's own (created with the run's credential; clean-up deletes it). */
export interface OwnKey {
  readonly id: string;
  readonly key: string;
  readonly exchange: Exchange | undefined;
}

/** Creates a key with `scopes` (and optionally more body) with the run's credential; `undefined` when refused. */
export async function newKey(
  ctx: RunContext,
  check: CheckName,
  scopes: readonly string[],
  label: string,
  extra: Record<string, Json> = {},
): Promise<{ key?: OwnKey; status: number; exchange?: Exchange }> {
  const made = await createKey(ctx, requireOp(ctx, 'createApiKey'), scopes, label, check, extra);
  if (made.key) ctx.redactor.add(made.key.key, '$REGEN_CREATED_KEY');
  return {
    ...(made.key ? { key: { ...made.key, exchange: made.exchange } } : {}),
    status: made.status,
    ...(made.exchange ? { exchange: made.exchange } : {}),
  };
}

/** Authentication as `key` (the contract's API-key header). */
export function asKey(ctx: RunContext, key: string): Case['auth'] {
  return keyAuth(ctx, key);
}

/** Authentication as a bearer token. */
export function asBearer(token: string): Case['auth'] {
  return { headers: { Authorization: `Bearer ${token}` } };
}

/** The operation, or an error naming it. */
export function requireOp(ctx: RunContext, operationId: string): OperationSpec {
  const op = operation(ctx, operationId);
  if (!op) throw new Error(`the contract has no ${operationId}`);
  return op;
}

/** Sends a case through the run (safety, redaction, 429s waited out); `undefined` (error recorded) on no response. */
export async function call(
  ctx: RunContext,
  check: CheckName,
  operationId: string,
  description: string,
  parts: Partial<Omit<Case, 'description'>> = {},
  recordOn?: OperationSpec,
): Promise<Exchange | undefined> {
  const op = requireOp(ctx, operationId);
  return probe(ctx, check, op, bareCase(`${check}: ${description}`, parts), recordOn ?? op);
}

/** Deletes a key of the run's own now (it is no longer needed); clean-up would otherwise. */
export async function dropKey(ctx: RunContext, check: CheckName, id: string): Promise<void> {
  const sent = await call(ctx, check, 'deleteApiKey', 'delete a key of the run', { pathParams: { id } });
  if (sent && sent.response.status < 300) ctx.pool.forget(id);
}

/** Waits `ms` (through the run's sleep, so tests can observe it). */
export function wait(ctx: RunContext, ms: number): Promise<void> {
  return ms > 0 ? ctx.client.sleep(ms) : Promise.resolve();
}

/**
 * Sends cases at once, without waiting out 429s (rate-limit checks want to see them), on up to
 * `cases.length` connections. Counts in the run's requests.
 */
export async function sendAtOnce(
  ctx: RunContext,
  op: OperationSpec,
  cases: readonly Case[],
): Promise<({ ok: true; exchange: Exchange } | { ok: false; reason: string })[]> {
  const connections = keepAliveAgents({ maxSockets: Math.max(1, cases.length) });
  try {
    const requests = await Promise.all(
      cases.map(async (c) =>
        buildRequest(ctx.settings.baseUrl, op.method, op.path, op, c, await ctx.authHeaders(op, c)),
      ),
    );
    ctx.client.requests += requests.length;
    const outcomes = await Promise.all(requests.map((r) => send(r, 10_000, connections)));
    return outcomes.map((outcome, i) => {
      if (outcome.kind === 'error')
        return {
          ok: false,
          reason: `no response to ${outcome.request.method} ${outcome.request.url}: ${outcome.error}`,
        };
      const exchange: Exchange = {
        operation: op,
        phase: 'probe',
        testCase: cases[i],
        request: outcome.request,
        response: outcome.response,
        json: parseJson(outcome.response.headers, outcome.response.bodyText),
        jsonError: undefined,
        seed: ctx.settings.seed,
      };
      ctx.onExchange?.(exchange);
      return { ok: true, exchange };
    });
  } finally {
    connections.close();
  }
}

/** Integer value of a response header, `undefined` when absent or not an integer. */
export function intHeader(exchange: Exchange, name: string): number | undefined {
  const v = exchange.response.headers[name.toLowerCase()];
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

/** Seconds of a `Retry-After` (delta-seconds or HTTP date, RFC 9110 §10.2.3), `undefined` when invalid. */
export function retryAfterSeconds(exchange: Exchange, now = Date.now()): number | undefined {
  const v = exchange.response.headers['retry-after']?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/** The payload of a JWT (unverified), `undefined` when the token is not one. */
export function jwtPayload(token: string): { readonly [k: string]: Json } | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
