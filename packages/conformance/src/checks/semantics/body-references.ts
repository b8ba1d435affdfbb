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

/** One reference operation of one variant: how its bodies are built and sent. */
interface ReferenceRun {
  readonly ctx: CheckContext;
  readonly other: Other;
  readonly target: ReferenceOperation;
  readonly foreign: ReadonlyMap<string, unknown>;
  readonly created: ReadonlySet<string>;
  /** The operation's first generated case: its headers and parameters travel with every body. */
  readonly documented: Case | undefined;
}

/** The run's own ids with `prefix` (not the other's), for the references not under test. */
function ownIds(r: ReferenceRun, prefix: string): string[] {
  const all = [...(r.ctx.generator(r.target.op).ids?.(prefix) ?? [])];
  const mine = all.filter((id) => !r.foreign.has(id));
  return mine.length > 0 ? mine : all;
}

/** The other credential's ids with `prefix`; listed ones first (what the check created may be gone). */
function theirIds(r: ReferenceRun, prefix: string): string[] {
  const { ctx, foreign, created } = r;
  const filter = ctx.plan(r.target.op)?.idFilters[prefix];
  const suitable = ctx.pool.ids(prefix, false, filter).filter((id) => foreign.has(id));
  return (
    suitable.length > 0
      ? suitable
      : [...foreign.keys()].filter((id) => id.startsWith(`${prefix}_`) && !ctx.pool.isGuarded(id))
  ).sort((a, b) => Number(created.has(a)) - Number(created.has(b)));
}

/** The example with every reference but `ref` naming one of the run's own (distinct per prefix). */
function bodyWithOwnReferences(r: ReferenceRun, ref: Reference, foreignId: string): Json {
  let body = r.target.example;
  const used = new Map<string, number>();
  for (const other of r.target.references) {
    if (other === ref) continue;
    const n = used.get(other.prefix) ?? 0;
    const mine = ownIds(r, other.prefix).filter((id) => id !== foreignId)[n];
    if (mine) {
      body = replaced(body, other.path, mine);
      used.set(other.prefix, n + 1);
    }
  }
  return body;
}

/** Sends `body` with `ref` naming `id` (a fresh Idempotency-Key each time); undoes what it made. */
async function sendReference(r: ReferenceRun, body: Json, ref: Reference, id: string, what: string) {
  const { ctx, target, documented } = r;
  const { op } = target;
  const idempotency = op.parameters.find(
    (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
  );
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
    description: `${check}: ${op.operationId} with ${pointer(ref.path)} naming ${what}`,
  };
  const sent = await probe(ctx, check, op, testCase);
  if (sent && sent.response.status < 300) {
    const made = resourceId(sent.json);
    if (made) await undo(ctx, op, made);
  }
  return sent;
}

/**
 * A reference to their id is answered like one to an id that exists nowhere (the same 4xx and
 * error.code); why it was not tried, or `true` when judged.
 */
async function theirIdIsAnsweredLikeNoId(
  r: ReferenceRun,
  ref: Reference,
): Promise<string | true | undefined> {
  const { ctx, other } = r;
  const { op } = r.target;
  const where = pointer(ref.path);
  const foreignId = theirIds(r, ref.prefix)[0];
  if (!foreignId) return `${other.option} listed no ${ref.prefix}_ id to put at ${where} (${other.variant})`;
  const body = bodyWithOwnReferences(r, ref, foreignId);
  const madeUp = `${ref.prefix}_DoesNotExist${fresh(12)}`;
  const f = await sendReference(r, body, ref, foreignId, `${other.whose} id`);
  const m = await sendReference(r, body, ref, madeUp, 'an id that exists nowhere');
  if (!f || !m) return undefined;
  const fs = f.response.status;
  const ms = m.response.status;
  const ok = fs === ms && code(f) === code(m) && fs >= 400 && fs < 500;
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
  return true;
}

/** Part 7 for one variant: each reference operation's references, foreign vs made up. */
export async function bodyReferences(
  ctx: CheckContext,
  other: Other,
  foreign: ReadonlyMap<string, unknown>,
  created: ReadonlySet<string>,
  seed: number,
): Promise<void> {
  for (const target of referenceOperations(ctx)) {
    const { op, references: refs } = target;
    if (!ctx.judges(check, op)) continue;
    const tried = refs
      .filter((r, i) => refs.findIndex((q) => q.prefix === r.prefix) === i)
      .slice(0, PER_OPERATION);
    const [documented] = positiveCases(
      op,
      ctx.generator(op),
      1,
      deriveSeed(seed, 'references', op.operationId),
    );
    const run: ReferenceRun = { ctx, other, target, foreign, created, documented };
    let judged = 0;
    const skips: string[] = [];
    for (const ref of tried) {
      const outcome = await theirIdIsAnsweredLikeNoId(run, ref);
      if (outcome === true) judged++;
      else if (outcome !== undefined) skips.push(outcome);
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
