/** @module API keys of the run's own: created with the run's credential (clean-up deletes them), used, dropped. */
import type { Case } from '../generate/case.ts';
import { isObject } from '../spec/json-pointer.ts';
import type { Json, OperationSpec } from '../spec/types.ts';
import { bareCase, jsonBody, requireOp } from './cases.ts';
import type { CheckContext } from './context.ts';
import type { Exchange } from './exchange.ts';
import { nonce } from './nonce.ts';
import { call, probe } from './probe.ts';
import { skip, type Verdict } from './verdict.ts';

interface CreatedKey {
  readonly id: string;
  readonly key: string;
}

export function created(exchange: Exchange | undefined): CreatedKey | undefined {
  if (!exchange || exchange.response.status >= 300 || !isObject(exchange.json)) return undefined;
  const data = exchange.json.data;
  if (!isObject(data) || typeof data.id !== 'string' || typeof data.key !== 'string') return undefined;
  return { id: data.id, key: data.key };
}

export function keyAuth(ctx: CheckContext, key: string): Case['auth'] {
  const scheme = ctx.spec.operations
    .flatMap((o) => o.securitySchemes)
    .find((s) => s.type === 'apiKey' && s.in === 'header' && s.paramName);
  return { headers: scheme?.paramName ? { [scheme.paramName]: key } : { Authorization: `Bearer ${key}` } };
}

/**
 * Creates a key with the run's credential (the run owns it: clean-up deletes it). Shared with the
 * semantic checks (`check` names who asks; `extra` adds body fields such as `expiresAt`).
 */
export async function createKey(
  ctx: CheckContext,
  create: OperationSpec,
  scopes: readonly string[],
  label: string,
  check: string,
  extra: Record<string, Json> = {},
): Promise<{ key?: CreatedKey; status: number; exchange?: Exchange }> {
  const exchange = await probe(
    ctx,
    check,
    create,
    bareCase(`${check}: ${label}`, {
      body: jsonBody({
        name: `conformance ${label} ${nonce(ctx, 6, check, label)}`,
        scopes: [...scopes],
        ...extra,
      }),
    }),
  );
  const key = created(exchange);
  if (key) ctx.pool.own(key.id);
  return {
    ...(key ? { key } : {}),
    status: exchange?.response.status ?? 0,
    ...(exchange ? { exchange } : {}),
  };
}

/** A key of the run's own (created with the run's credential; clean-up deletes it). */
export interface OwnKey {
  readonly id: string;
  readonly key: string;
  readonly exchange: Exchange | undefined;
}

/** Creates a key with `scopes` (and optionally more body) with the run's credential; `undefined` when refused. */
export async function newKey(
  ctx: CheckContext,
  check: string,
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
export function asKey(ctx: CheckContext, key: string): Case['auth'] {
  return keyAuth(ctx, key);
}

/** Authentication as a bearer token. */
export function asBearer(token: string): Case['auth'] {
  return { headers: { Authorization: `Bearer ${token}` } };
}

/** Deletes a key of the run's own now (it is no longer needed); clean-up would otherwise. */
export async function dropKey(ctx: CheckContext, check: string, id: string): Promise<void> {
  const sent = await call(ctx, check, 'deleteApiKey', 'delete a key of the run', { pathParams: { id } });
  if (sent && sent.response.status < 300) ctx.pool.forget(id);
}

/** The skip when the run's credential could not create the fresh key a check needs. */
export function noFreshKey(made: { readonly status: number }): Verdict {
  return skip(`the run's credential could not create a key (createApiKey answered ${made.status})`);
}
