/**
 * @module tenant_isolation, part 7: the contract's "Accounts and modes" — references to another
 * account's (or mode's) ids in a request body answer 422 like ids that do not exist. Derived from
 * the document: the create-like operations (POST without a path id, a JSON body, not under
 * `/api/auth` or `/oauth`) whose documented request example names resources by id (values
 * `prefix_base62` whose prefix the contract's "Conventions" lists). For each operation, one
 * reference per prefix (at most {@link PER_OPERATION}), one at a time: the body with that
 * reference naming an id the other credential listed, then the same body naming an id of that
 * prefix that exists nowhere, both with the run's credential; the other references name the
 * run's own resources (so only the one reference is wrong). They must answer the same 4xx and
 * `error.code`; a 2xx to the foreign one is a leak, and what it made is cleaned up.
 */
import type { Case } from '../../generate/case.ts';
import { positiveCases, requestMediaType } from '../../generate/positive.ts';
import { deriveSeed } from '../../generate/seed.ts';
import { isObject, joinPointer } from '../../spec/json-pointer.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import {
  bareCase,
  errorObject,
  fresh,
  probe,
  record,
  resourceId,
  said,
  withTarget,
} from '../../support/index.ts';
import { type CheckContext, type Exchange, fail, PASS, skip } from '../api.ts';
import type { Other } from './other-credential.ts';

const check = 'tenant_isolation';
const ID = /^([a-z]+)_[A-Za-z0-9]+$/;
/** References tried per operation (each costs two requests). */
export const PER_OPERATION = 3;

/** One id-valued string in a body: where, and its prefix. */
export interface Reference {
  readonly path: readonly (string | number)[];
  readonly prefix: string;
  readonly value: string;
}

/** A create-like operation and the documented example naming resources by id. */
export interface ReferenceOperation {
  readonly op: OperationSpec;
  readonly example: Json;
  readonly references: readonly Reference[];
}

const describeOp = (op: OperationSpec) => `${op.operationId} (${op.method} ${op.path})`;
const pointer = (path: readonly (string | number)[]) => joinPointer('', ...path);

/** Id prefixes the contract's "Conventions" lists (`acct_`, `ord_`, …); empty when it lists none. */
export function contractPrefixes(ctx: CheckContext): Set<string> {
  const info = ctx.spec.document.info;
  const text = isObject(info) && typeof info.description === 'string' ? info.description : '';
  const section = /#+\s*Conventions\s*\n([\s\S]*?)(?:\n#+\s|$)/.exec(text)?.[1] ?? '';
  const line = /Ids are prefixed([^.]*)/.exec(section)?.[1] ?? section;
  return new Set([...line.matchAll(/`([a-z]+)_`/g)].map((m) => m[1] as string));
}

/** Every id-looking string in `value` whose prefix is one of `prefixes` (all when empty). */
export function references(value: Json, prefixes: ReadonlySet<string>): Reference[] {
  const out: Reference[] = [];
  const visit = (node: Json, path: (string | number)[], depth: number): void => {
    if (depth > 8) return;
    if (typeof node === 'string') {
      const prefix = ID.exec(node)?.[1];
      if (prefix && (prefixes.size === 0 || prefixes.has(prefix))) out.push({ path, prefix, value: node });
    } else if (Array.isArray(node)) {
      (node as readonly Json[]).forEach((item, i) => {
        visit(item, [...path, i], depth + 1);
      });
    } else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) visit(v as Json, [...path, k], depth + 1);
    }
  };
  visit(value, [], 0);
  return out;
}

/** The create-like operations whose documented JSON request example names resources by id. */
export function referenceOperations(ctx: CheckContext): ReferenceOperation[] {
  const prefixes = contractPrefixes(ctx);
  const out: ReferenceOperation[] = [];
  for (const op of ctx.spec.operations) {
    if (op.method !== 'POST' || op.auth === 'none') continue;
    if (op.parameters.some((p) => p.in === 'path')) continue;
    if (/^\/(?:api\/auth|oauth)(?:\/|$)/.test(op.path)) continue;
    const media = requestMediaType(op);
    if (!media || !/json/i.test(media.contentType)) continue;
    for (const example of media.examples) {
      const found = references(example, prefixes);
      if (found.length > 0) {
        out.push({ op, example, references: found });
        break;
      }
    }
  }
  return out;
}

function replaced(value: Json, path: readonly (string | number)[], by: string): Json {
  const [head, ...rest] = path;
  if (head === undefined) return by;
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...(value as readonly Json[])];
    copy[head] = replaced(copy[head] as Json, rest, by);
    return copy;
  }
  if (isObject(value) && typeof head === 'string')
    return { ...value, [head]: replaced(value[head] as Json, rest, by) };
  return value;
}

const code = (e: Exchange): string | undefined => {
  const c = errorObject(e)?.code;
  return typeof c === 'string' ? c : undefined;
};

/**
 * Undoes a resource the run's credential should not have been able to make: clean-up deletes it
 * when the contract has a delete (the pool); otherwise a cancel on its item path, if one exists.
 */
async function undo(ctx: CheckContext, create: OperationSpec, id: string): Promise<void> {
  ctx.pool.own(id);
  const base = create.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const item = new RegExp(`^${base}/\\{[^}]+\\}$`);
  const action = new RegExp(`^${base}/\\{[^}]+\\}/[^{}/]+$`);
  if (ctx.spec.operations.some((op) => op.method === 'DELETE' && item.test(op.path))) return;
  const cancel = ctx.spec.operations.find(
    (op) =>
      op.method === 'POST' &&
      action.test(op.path) &&
      /^(?:cancel|void)/i.test(op.operationId) &&
      ctx.plan(op)?.kind === 'action',
  );
  if (!cancel) return;
  await probe(ctx, check, cancel, withTarget(ctx, cancel, bareCase(`${check}: undo ${id}`), id), create);
}

/** Part 7 for one variant: each reference operation's references, foreign vs made up. */
export async function bodyReferences(
  ctx: CheckContext,
  other: Other,
  foreign: ReadonlyMap<string, unknown>,
  created: ReadonlySet<string>,
  seed: number,
): Promise<void> {
  for (const { op, example, references: refs } of referenceOperations(ctx)) {
    if (!ctx.judges(check, op)) continue;
    const plan = ctx.plan(op);
    const gen = ctx.generator(op);
    // The run's own ids by prefix (not the other's), for the references not under test.
    const own = (prefix: string): string[] => {
      const all = [...(gen.ids?.(prefix) ?? [])];
      const mine = all.filter((id) => !foreign.has(id));
      return mine.length > 0 ? mine : all;
    };
    const theirs = (prefix: string): string[] => {
      const filter = plan?.idFilters[prefix];
      const suitable = ctx.pool.ids(prefix, false, filter).filter((id) => foreign.has(id));
      // Listed ones first: what the check created may be gone (a write of part 6 that succeeded).
      return (
        suitable.length > 0
          ? suitable
          : [...foreign.keys()].filter((id) => id.startsWith(`${prefix}_`) && !ctx.pool.isGuarded(id))
      ).sort((a, b) => Number(created.has(a)) - Number(created.has(b)));
    };
    const tried = refs
      .filter((r, i) => refs.findIndex((q) => q.prefix === r.prefix) === i)
      .slice(0, PER_OPERATION);
    const [documented] = positiveCases(op, gen, 1, deriveSeed(seed, 'references', op.operationId));
    const idempotency = op.parameters.find(
      (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
    );
    let judged = 0;
    const skips: string[] = [];
    for (const ref of tried) {
      const where = pointer(ref.path);
      const foreignId = theirs(ref.prefix)[0];
      if (!foreignId) {
        skips.push(`${other.option} listed no ${ref.prefix}_ id to put at ${where} (${other.variant})`);
        continue;
      }
      // Every other reference names one of the run's own (distinct per prefix), else stays as documented.
      let body = example;
      const used = new Map<string, number>();
      for (const r of refs) {
        if (r === ref) continue;
        const n = used.get(r.prefix) ?? 0;
        const candidates = own(r.prefix).filter((id) => id !== foreignId);
        const mine = candidates[n];
        if (mine) {
          body = replaced(body, r.path, mine);
          used.set(r.prefix, n + 1);
        }
      }
      const madeUp = `${ref.prefix}_DoesNotExist${fresh(12)}`;
      const send = async (id: string, what: string): Promise<Exchange | undefined> => {
        const headers: Record<string, string> = { ...documented?.headers };
        if (idempotency) headers[idempotency.name] = `conformance-${fresh(24)}`;
        const testCase: Case = {
          ...(documented ?? bareCase('')),
          headers,
          body: {
            contentType: requestMediaType(op)?.contentType ?? 'application/json',
            value: replaced(body, ref.path, id),
          },
          auth: 'default',
          description: `${check}: ${op.operationId} with ${where} naming ${what}`,
        };
        const sent = await probe(ctx, check, op, testCase);
        if (sent && sent.response.status < 300) {
          const made = resourceId(sent.json);
          if (made) await undo(ctx, op, made);
        }
        return sent;
      };
      const f = await send(foreignId, `${other.whose} id`);
      const m = await send(madeUp, 'an id that exists nowhere');
      if (!f || !m) continue;
      judged++;
      const fs = f.response.status;
      const ms = m.response.status;
      const same = fs === ms && code(f) === code(m);
      const ok = same && fs >= 400 && fs < 500;
      const why =
        fs < 300
          ? `it accepts a reference to ${other.whose} resource (a leak)`
          : ms < 400 || ms >= 500
            ? `the made-up id was not refused with a 4xx either`
            : 'the answers differ, so the foreign id is told apart from one that does not exist';
      record(
        ctx,
        check,
        op,
        ok
          ? PASS
          : fail(
              `${describeOp(op)} with the run's credential and ${where} = ${foreignId}, ${other.whose} (${other.option}), was answered ${said(f)}; the same body with ${where} = ${madeUp}, which exists nowhere, ${said(m)}: ${why}; expected both the same 4xx and error.code (422 unprocessable_entity)`,
              other.variant,
            ),
        fs < 300 || !ok ? f : m,
      );
    }
    if (judged === 0)
      record(
        ctx,
        check,
        op,
        skip(
          skips.length > 0 ? skips.join('; ') : `no reference of ${op.operationId}'s example could be tried`,
        ),
      );
  }
}
