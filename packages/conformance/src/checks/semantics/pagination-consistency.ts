/**
 * @module pagination_consistency: walking every page of a list with `limit` 1, 7 and 100 yields
 * the same set of ids, without duplicates or gaps, `hasMore` false exactly on the last page
 * (and `nextCursor` null there).
 */
import type { OperationId } from '@regen/contract';
import { isObject } from '../../spec/json-pointer.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import { call, record, requireOp, said } from '../../support/index.ts';
import {
  type CheckContext,
  defineCheck,
  type Exchange,
  fail,
  PASS,
  type SemanticSettings,
  skip,
} from '../api.ts';

export const name = 'pagination_consistency';
const LISTS: readonly OperationId[] = ['listProducts'];
const LIMITS = [1, 7, 100] as const;

interface Walk {
  readonly ids: string[];
  /** The walk stopped at the page bound, not at the end. */
  readonly truncated?: boolean;
  readonly problem?: { readonly message: string; readonly variant: string; readonly exchange: Exchange };
}

/** What is wrong with one page of a walk with `limit` (`page` counts from 0), if anything. */
function pageProblem(got: Exchange, page: number, limit: number): Walk['problem'] {
  const body = got.json;
  const problem = (message: string, variant: string) => ({ message, variant, exchange: got });
  if (got.response.status >= 300 || !isObject(body) || !Array.isArray(body.data))
    return problem(`page ${page + 1} (limit ${limit}) answered ${said(got)}`, 'page');
  const items = body.data;
  if (items.length > limit)
    return problem(`page ${page + 1} holds ${items.length} items with limit ${limit}`, 'over-limit');
  if (body.hasMore === true) {
    if (typeof body.nextCursor !== 'string')
      return problem(`page ${page + 1} (limit ${limit}) says hasMore but has no nextCursor`, 'cursor');
    if (items.length === 0)
      return problem(`page ${page + 1} (limit ${limit}) is empty but says hasMore`, 'has-more');
    return undefined;
  }
  if (body.nextCursor !== null && body.nextCursor !== undefined)
    return problem(`the last page (limit ${limit}) has hasMore false but a nextCursor`, 'cursor');
  return undefined;
}

/** Follows nextCursor from the first page with `limit`, up to `maxPages`; the ids seen, in order. */
async function walk(
  ctx: CheckContext,
  operationId: OperationId,
  limit: number,
  maxPages: number,
): Promise<Walk | undefined> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const got = await call(ctx, name, operationId, `page ${page + 1} with limit ${limit}`, {
      query: { limit, ...(cursor ? { cursor } : {}) },
    });
    if (!got) return undefined;
    const body = got.json;
    if (isObject(body) && Array.isArray(body.data))
      for (const item of body.data as readonly Json[])
        if (isObject(item) && typeof item.id === 'string') ids.push(item.id);
    const problem = pageProblem(got, page, limit);
    if (problem) return { ids, problem };
    if (!isObject(body) || body.hasMore !== true || typeof body.nextCursor !== 'string') return { ids };
    cursor = body.nextCursor;
  }
  return { ids, truncated: true };
}

/** Walks with every limit; the ids per limit, or `undefined` when a walk failed or was cut short (recorded). */
async function walkEveryLimit(
  ctx: CheckContext,
  op: OperationSpec,
  operationId: OperationId,
  settings: SemanticSettings,
): Promise<Map<number, string[]> | undefined | 'stop'> {
  const walks = new Map<number, string[]>();
  for (const limit of LIMITS) {
    const maxPages = Math.max(1, Math.floor(settings.maxRequests * 2));
    const w = await walk(ctx, operationId, limit, maxPages);
    if (!w) return 'stop';
    if (w.truncated) {
      const reason = `${operationId} has more than ${maxPages} pages of ${limit}: over the --max-requests bound`;
      return void record(ctx, name, op, skip(reason));
    }
    if (w.problem)
      return void record(ctx, name, op, fail(w.problem.message, w.problem.variant), w.problem.exchange);
    const dupes = w.ids.filter((id, i) => w.ids.indexOf(id) !== i);
    if (dupes.length > 0) {
      const message = `walking ${operationId} with limit ${limit} returned ${[...new Set(dupes)].join(', ')} more than once`;
      return void record(ctx, name, op, fail(message, 'duplicate'));
    }
    walks.set(limit, w.ids);
  }
  return walks;
}

/** Every limit yields the same ids as limit 100: no gaps, no extras. */
function walksAgree(ctx: CheckContext, op: OperationSpec, walks: ReadonlyMap<number, string[]>): void {
  const operationId = op.operationId;
  const reference = walks.get(100) ?? [];
  if (reference.length === 0) {
    record(ctx, name, op, skip(`${operationId} is empty: nothing to page through`));
    return;
  }
  if (reference.length <= 1)
    record(ctx, name, op, skip(`${operationId} holds one item: limit 1 cannot show a gap`));
  for (const limit of LIMITS) {
    const ids = walks.get(limit) ?? [];
    const missing = reference.filter((id) => !ids.includes(id));
    const extra = ids.filter((id) => !reference.includes(id));
    record(
      ctx,
      name,
      op,
      missing.length === 0 && extra.length === 0
        ? PASS
        : fail(
            `walking ${operationId} with limit ${limit} yielded ${ids.length} items, with limit 100 ${reference.length}: ${missing.length ? `missing ${missing.slice(0, 5).join(', ')}` : ''}${extra.length ? ` extra ${extra.slice(0, 5).join(', ')}` : ''}`,
            'gap',
          ),
    );
  }
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  for (const operationId of LISTS) {
    const op = requireOp(ctx, operationId);
    if (!ctx.judges(name, op)) continue;
    const walks = await walkEveryLimit(ctx, op, operationId, settings);
    if (walks === 'stop') return;
    if (walks) walksAgree(ctx, op, walks);
  }
}

export const paginationConsistency = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['listProducts'],
  description:
    'Walking every page with limit 1, 7 and 100 yields the same ids, no duplicates, no gaps, hasMore false (nextCursor null) exactly on the last page.',
  clause: '"Envelopes" (lists): limit 1–100, cursor from nextCursor, hasMore',
  run,
  profiles: { prism: [{ reason: 'Prism serves the same example page for every cursor' }] },
});
