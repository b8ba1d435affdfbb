/**
 * @module Before the checks: learn which resources exist (the first page, as large as the
 * contract allows, of each list the selected operations take ids from) and which API key is
 * the run's own. After: delete what the run made.
 */

import type { Case } from '../generate/case.ts';
import { effectiveSchema, idPrefixOf, num } from '../generate/schema-utils.ts';
import { isObject } from '../spec/json-pointer.ts';
import type { ApiSpec, Json } from '../spec/types.ts';
import type { OperationPlan } from '../support/plan.ts';
import { RATE_LIMITED } from '../support/rate-limited.ts';
import type { RunContext } from './context.ts';
import { inputPrefixes, listedPrefixes } from './needed-collections.ts';

function listCase(ctx: RunContext, opId: string): Case {
  const op = ctx.spec.operations.find((o) => o.operationId === opId);
  const query: Record<string, Json> = {};
  const limit = op?.parameters.find((p) => p.in === 'query' && p.name === 'limit');
  if (limit?.schema) {
    const max = num(effectiveSchema(ctx.spec.document, limit.schema.schema), 'maximum');
    if (max !== undefined) query.limit = max;
  }
  return {
    pathParams: {},
    query,
    headers: {},
    body: undefined,
    auth: 'default',
    description: 'setup: list existing resources',
  };
}

/** Marks the run's own API key (matched by `keyPrefix` and `lastFour`) as never to be modified. */
function guardOwnKey(ctx: RunContext, apiKey: string | undefined, json: Json | undefined): void {
  if (!apiKey || !isObject(json) || !Array.isArray(json.data)) return;
  for (const item of json.data as readonly Json[]) {
    if (!isObject(item) || typeof item.id !== 'string') continue;
    const { keyPrefix, lastFour } = item;
    if (
      typeof keyPrefix === 'string' &&
      typeof lastFour === 'string' &&
      apiKey.startsWith(keyPrefix) &&
      apiKey.endsWith(lastFour)
    ) {
      ctx.pool.guard(item.id);
    }
  }
}

/** The listings that yield ids the selected operations take; the others would spend requests for nothing. */
export function neededListings(
  spec: ApiSpec,
  plans: Iterable<OperationPlan>,
  selected: ReadonlySet<string>,
): OperationPlan[] {
  const wanted = new Set(
    spec.operations
      .filter((op) => selected.has(op.operationId))
      .flatMap((op) => [...inputPrefixes(spec, op)]),
  );
  return [...plans].filter(
    (plan) =>
      plan.kind === 'list' &&
      plan.op.method === 'GET' &&
      [...listedPrefixes(spec, plan.op)].some((prefix) => wanted.has(prefix)),
  );
}

/**
 * Lists once each collection the selected operations take ids of. Returns a reason when the
 * server cannot be reached at all, so the run stops with one clear message instead of a
 * failure per operation.
 */
export async function discover(ctx: RunContext, apiKey: string | undefined): Promise<string | undefined> {
  let reached = false;
  let firstError: string | undefined;
  for (const plan of neededListings(ctx.spec, ctx.plans.values(), ctx.settings.selected)) {
    const sent = await ctx.send(plan.op, listCase(ctx, plan.op.operationId), 'setup', ctx.settings.seed);
    if (!sent.ok) {
      // A rate limit that does not lift is an answer: the server is there, this list stays unknown.
      if (sent.reason.startsWith(RATE_LIMITED)) reached = true;
      firstError ??= sent.reason;
      continue;
    }
    reached = true;
    guardOwnKey(ctx, apiKey, sent.exchange.json);
  }
  return reached ? undefined : (firstError ?? undefined);
}

/** Deletes the resources the run created and did not delete, where the contract offers a delete. */
export async function cleanUp(ctx: RunContext): Promise<void> {
  for (const id of ctx.pool.ownedIds().reverse()) {
    const prefix = id.split('_')[0];
    const del = ctx.spec.operations.find((op) => {
      if (op.method !== 'DELETE') return false;
      const params = op.parameters.filter((p) => p.in === 'path');
      return (
        params.length === 1 &&
        params[0]?.schema !== undefined &&
        idPrefixOf(effectiveSchema(ctx.spec.document, params[0].schema.schema)) === prefix
      );
    });
    const name = del?.parameters.find((p) => p.in === 'path')?.name;
    if (!del || !name) continue;
    const sent = await ctx.send(
      del,
      {
        pathParams: { [name]: id },
        query: {},
        headers: {},
        body: undefined,
        auth: ctx.pool.authOf(id),
        description: 'cleanup',
      },
      'setup',
      ctx.settings.seed,
    );
    if (sent.ok && sent.exchange.response.status < 300) ctx.pool.forget(id);
  }
}
