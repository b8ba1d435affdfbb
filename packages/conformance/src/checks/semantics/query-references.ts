/**
 * @module tenant_isolation, part 8: the contract's "Accounts and modes" — a query filter naming
 * another account's (or mode's) id answers like a filter naming an id that exists nowhere (for
 * lists: an empty page; for a usage series: empty buckets), so a filter can neither reach the other
 * tenant's records nor tell that its id exists. Derived from the document: GET operations without
 * a path id whose query parameter documents an example id (`prefix_base62`, a prefix the contract's
 * "Conventions" lists). For each, the first such parameter: once with an id the other credential
 * listed, once with a made-up id of that prefix, both with the run's credential. The answers must
 * have the same status and, when successful, the same body once instants and request ids are set
 * aside, and the filter's id where the answer echoes it (two reads a moment apart may differ only
 * there).
 */
import { isObject } from '../../spec/json-pointer.ts';
import type { Json, OperationSpec, ParameterSpec } from '../../spec/types.ts';
import { bareCase, fresh, probe, record, said } from '../../support/index.ts';
import { type CheckContext, type Exchange, fail, PASS, skip } from '../api.ts';
import { contractPrefixes } from './body-references.ts';
import type { Other } from './other-credential.ts';

const check = 'tenant_isolation';
const ID = /^([a-z]+)_[A-Za-z0-9]+$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/;

/** A GET and its query parameter that filters by an id, with the id's prefix. */
export interface QueryReference {
  readonly op: OperationSpec;
  readonly param: ParameterSpec;
  readonly prefix: string;
}

/** The GETs (no path id, a credential) with a query parameter documented by an example id. */
export function queryReferenceOperations(ctx: CheckContext): QueryReference[] {
  const prefixes = contractPrefixes(ctx);
  const out: QueryReference[] = [];
  for (const op of ctx.spec.operations) {
    if (op.method !== 'GET' || op.auth === 'none' || op.parameters.some((p) => p.in === 'path')) continue;
    for (const param of op.parameters) {
      if (param.in !== 'query') continue;
      const prefix = param.examples
        .map((e) => (typeof e === 'string' ? ID.exec(e)?.[1] : undefined))
        .find((p) => p !== undefined && (prefixes.size === 0 || prefixes.has(p)));
      if (prefix) {
        out.push({ op, param, prefix });
        break;
      }
    }
  }
  return out;
}

/**
 * The body with instants, request ids and the filter's own id (echoed back) replaced, keys
 * sorted: what two reads a moment apart, filtering by different ids, may share.
 */
function comparable(value: Json | undefined, filterId: string): string {
  const visit = (node: Json | undefined): Json | undefined => {
    if (typeof node === 'string') {
      if (node === filterId) return '<filter>';
      return INSTANT.test(node) || /^req_/.test(node) ? '…' : node;
    }
    if (Array.isArray(node)) return (node as readonly Json[]).map((n) => visit(n) as Json);
    if (isObject(node))
      return Object.fromEntries(
        Object.keys(node)
          .sort()
          .map((k) => [k, visit(node[k] as Json)]),
      ) as Json;
    return node;
  };
  return JSON.stringify(visit(value) ?? null);
}

/** Part 8 for one variant. */
export async function queryReferences(
  ctx: CheckContext,
  other: Other,
  foreign: ReadonlyMap<string, unknown>,
): Promise<void> {
  for (const { op, param, prefix } of queryReferenceOperations(ctx)) {
    if (!ctx.judges(check, op)) continue;
    const foreignId = [...foreign.keys()].find(
      (id) => id.startsWith(`${prefix}_`) && !ctx.pool.isGuarded(id),
    );
    if (!foreignId) {
      record(
        ctx,
        check,
        op,
        skip(`${other.option} listed no ${prefix}_ id to filter ${param.name} by (${other.variant})`),
      );
      continue;
    }
    const madeUp = `${prefix}_DoesNotExist${fresh(12)}`;
    const send = (id: string, what: string): Promise<Exchange | undefined> =>
      probe(
        ctx,
        check,
        op,
        bareCase(`${check}: ${op.operationId} with ${param.name} naming ${what}`, {
          query: { [param.name]: id },
          auth: 'default',
        }),
      );
    const f = await send(foreignId, `${other.whose} id`);
    const m = await send(madeUp, 'an id that exists nowhere');
    if (!f || !m) continue;
    const same =
      f.response.status === m.response.status &&
      (f.response.status >= 300 || comparable(f.json, foreignId) === comparable(m.json, madeUp));
    record(
      ctx,
      check,
      op,
      same
        ? PASS
        : fail(
            `${op.operationId} (${op.method} ${op.path}) with the run's credential and ${param.name}=${foreignId}, ${other.whose} (${other.option}), was answered ${said(f)}${f.response.status < 300 ? ' with other data' : ''}; with ${param.name}=${madeUp}, which exists nowhere, ${said(m)}: the filter tells the other tenant's id apart (or reaches its records); expected the same answer`,
            other.variant,
          ),
      f,
    );
  }
}
