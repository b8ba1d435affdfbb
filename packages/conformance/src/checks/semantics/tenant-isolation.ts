/**
 * @module tenant_isolation: the contract's "Accounts and modes". With a credential of
 * another account (`--other-account-key`, variant `other-account`) or of the same account in the
 * other mode (`--other-mode-key`, variant `other-mode`): what that credential lists (and what the
 * check creates with it) is invisible to the run's credential — reads by path id answer 404
 * `not_found` (never 200, never 403), lists never include it, writes by path id answer 404 and
 * change nothing — and `Idempotency-Key`s are scoped: the same key and body sent by both
 * credentials makes two resources, the second not a replay. Every operation is derived from the
 * document: reads are GETs with an id path parameter, lists GETs whose 2xx body is a list
 * envelope (`data` array + `hasMore`), writes the other methods on an id path. Writes follow the
 * runner's safety rules: operations that may only touch the run's own resources
 * (`ownedTargetsOnly`: deletes, rotations, any write to a key) only target resources the check
 * created with the other credential, never listed ones; clean-up deletes those with it.
 */
import type { Case } from '../../generate/case.ts';
import { positiveCases } from '../../generate/positive.ts';
import { effectiveSchema, num } from '../../generate/schema-utils.ts';
import { deriveSeed } from '../../generate/seed.ts';
import { isObject } from '../../spec/json-pointer.ts';
import type { Json, JsonObject, OperationSpec } from '../../spec/types.ts';
import {
  asKey,
  bareCase,
  data,
  errorObject,
  nonce,
  pathIdPrefixes,
  probe,
  record,
  resourceId,
  said,
  withTarget,
} from '../../support/index.ts';
import {
  type CheckContext,
  defineCheck,
  type Exchange,
  fail,
  PASS,
  type SemanticSettings,
  skip,
} from '../api.ts';
import { bodyReferences, referenceOperations } from './body-references.ts';
import type { Other } from './other-credential.ts';
import { queryReferenceOperations, queryReferences } from './query-references.ts';

export const name = 'tenant_isolation';

const ID = /^[a-z]+_[A-Za-z0-9]+$/;
/** Fields that change by themselves (using a key), not by a write. */
const VOLATILE = new Set(['lastUsedAt']);
/** Ids tried per read operation. */
const PER_READ = 3;
/** Pages of the run's own list walked for leaked ids. */
const PAGES = 3;

export const describeOp = (op: OperationSpec) => `${op.operationId} (${op.method} ${op.path})`;
const hasPathParams = (op: OperationSpec) => op.parameters.some((p) => p.in === 'path');

/** Whether `op`'s 2xx JSON body is a list envelope: a `data` array and `hasMore`. */
export function isListOperation(ctx: CheckContext, op: OperationSpec): boolean {
  if (op.method !== 'GET' || hasPathParams(op)) return false;
  const ok = op.responses.find((r) => /^2/.test(r.status));
  const media = ok?.content.find((m) => m.schema);
  if (!media?.schema) return false;
  const schema = effectiveSchema(ctx.spec.document, media.schema.schema);
  const props = isObject(schema.properties) ? schema.properties : undefined;
  if (!props || !('hasMore' in props) || props.data === undefined) return false;
  const d = effectiveSchema(ctx.spec.document, props.data as JsonObject);
  return d.type === 'array' || (Array.isArray(d.type) && d.type.includes('array')) || 'items' in d;
}

/** GETs of one resource by an id path parameter. */
export function readOperations(ctx: CheckContext): OperationSpec[] {
  return ctx.spec.operations.filter(
    (op) => op.method === 'GET' && op.auth !== 'none' && pathIdPrefixes(ctx.spec, op).length === 1,
  );
}

/** Writes by an id path parameter (update, action, delete; not sessions). */
export function writeOperations(ctx: CheckContext): OperationSpec[] {
  return ctx.spec.operations.filter((op) => {
    const kind = ctx.plan(op)?.kind;
    return (
      op.method !== 'GET' &&
      op.method !== 'HEAD' &&
      op.method !== 'OPTIONS' &&
      op.auth !== 'none' &&
      (kind === 'update' || kind === 'action' || kind === 'delete') &&
      pathIdPrefixes(ctx.spec, op).length === 1
    );
  });
}

/** The item path an operation acts on (`/x/{id}` for `/x/{id}/cancel`). */
export function itemPath(op: OperationSpec): string {
  const m = /^(.*\/\{[^}]+\})(?:\/[^{}/]+)?$/.exec(op.path);
  return m?.[1] ?? op.path;
}

/**
 * The create to prove `Idempotency-Key` scoping with: a POST on a collection taking an
 * `Idempotency-Key` whose resources can be deleted (clean-up) — preferring resources that are not
 * credentials (some update of them may touch any, not only the run's own).
 */
export function idempotentCreate(ctx: CheckContext): OperationSpec | undefined {
  const candidates = ctx.spec.operations.filter(
    (op) =>
      op.method === 'POST' &&
      !hasPathParams(op) &&
      op.auth !== 'none' &&
      ctx.plan(op)?.kind === 'create' &&
      op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key') &&
      ctx.spec.operations.some((d) => d.method === 'DELETE' && itemPath(d).startsWith(`${op.path}/{`)),
  );
  const plain = candidates.find((op) =>
    ctx.spec.operations.some(
      (u) =>
        (u.method === 'PATCH' || u.method === 'PUT') &&
        itemPath(u).startsWith(`${op.path}/{`) &&
        ctx.plan(u)?.ownedTargetsOnly === false,
    ),
  );
  return plain ?? candidates[0];
}

function reportsOn(ctx: CheckContext): string[] {
  const create = idempotentCreate(ctx);
  return [
    ...ctx.spec.operations.filter((op) => isListOperation(ctx, op)),
    ...readOperations(ctx),
    ...writeOperations(ctx),
    ...(create ? [create] : []),
    ...referenceOperations(ctx).map((r) => r.op),
    ...queryReferenceOperations(ctx).map((r) => r.op),
  ]
    .map((op) => op.operationId)
    .filter((id, i, all) => all.indexOf(id) === i);
}

/** A list request for the first page, as large as the contract allows. */
function listCase(ctx: CheckContext, op: OperationSpec, auth: Case['auth'], description: string): Case {
  const query: Record<string, Json> = {};
  const limit = op.parameters.find((p) => p.in === 'query' && p.name === 'limit');
  if (limit?.schema) {
    const max = num(effectiveSchema(ctx.spec.document, limit.schema.schema), 'maximum');
    if (max !== undefined) query.limit = max;
  }
  return bareCase(`${name}: ${description}`, { query, auth });
}

/** The identity of a list item: its `id`, else its one `…Id` naming a resource (inventory levels). */
function identity(item: Json): string | undefined {
  if (!isObject(item)) return undefined;
  if (typeof item.id === 'string') return item.id;
  for (const [k, v] of Object.entries(item))
    if (k.endsWith('Id') && typeof v === 'string' && ID.test(v)) return v;
  return undefined;
}

function items(exchange: Exchange | undefined): readonly Json[] {
  return exchange && isObject(exchange.json) && Array.isArray(exchange.json.data) ? exchange.json.data : [];
}

function stable(value: Json | undefined): string {
  if (!isObject(value)) return JSON.stringify(value ?? null);
  const out: Record<string, Json> = {};
  for (const k of Object.keys(value).sort()) if (!VOLATILE.has(k)) out[k] = value[k] as Json;
  return JSON.stringify(out);
}

const isNotFound = (e: Exchange) => {
  const code = errorObject(e)?.code;
  return e.response.status === 404 && (code === undefined || code === 'not_found');
};

/** The verdict on the run's credential reaching a resource of the other credential. */
function judgeReach(e: Exchange, op: OperationSpec, id: string, other: Other): ReturnType<typeof fail> {
  if (isNotFound(e)) return PASS;
  const { status } = e.response;
  const why =
    status < 300
      ? `it leaks ${other.whose} resource`
      : status === 403
        ? 'a 403 tells the id exists'
        : `expected 404 not_found`;
  return fail(
    `${describeOp(op)} with the run's credential on ${id}, ${other.whose} (${other.option}), was answered ${said(e)}: ${why}; expected 404 not_found`,
    other.variant,
  );
}

/** Mode of the run's own credential (`Health.credential.mode`), when the server says. */
async function ownMode(ctx: CheckContext): Promise<string | undefined> {
  const health = ctx.spec.operations.find(
    (op) => op.method === 'GET' && !hasPathParams(op) && /\/health$/.test(op.path),
  );
  if (!health) return undefined;
  const sent = await probe(ctx, name, health, bareCase(`${name}: the run's mode`), health);
  const cred = data(sent)?.credential;
  return isObject(cred) && typeof cred.mode === 'string' ? cred.mode : undefined;
}

/** What the steps of one variant (other account, other mode) share. */
interface VariantRun {
  readonly ctx: CheckContext;
  readonly other: Other;
  readonly seed: number;
  /** Whether a record of the other credential must be hidden from the run's (not account-wide). */
  readonly hidden: (item: Json | undefined) => boolean;
  /** Ids of the other credential, each with where it was seen and its record. */
  readonly foreign: Map<string, { readonly from: string; readonly item: Json }>;
  /** Ids the check created with the other credential (the only targets of owned-only writes). */
  readonly created: Set<string>;
  /** The list operations (GETs answering a list envelope). */
  readonly lists: readonly OperationSpec[];
  /** The judged writes on an id path. */
  readonly writes: readonly OperationSpec[];
}

async function startVariant(ctx: CheckContext, other: Other): Promise<VariantRun> {
  // Account-wide resources (API keys, which carry their `environment`) are visible across modes
  // to a live credential; only the other mode's own data must be hidden.
  const mode = other.variant === 'other-mode' ? await ownMode(ctx) : undefined;
  return {
    ctx,
    other,
    seed: deriveSeed(ctx.settings.seed, name, other.variant),
    hidden: (item) => {
      if (other.variant === 'other-account' || !isObject(item) || typeof item.environment !== 'string')
        return true;
      return mode !== undefined && mode !== 'live' && item.environment !== mode;
    },
    foreign: new Map(),
    created: new Set(),
    lists: ctx.spec.operations.filter((op) => isListOperation(ctx, op)),
    writes: writeOperations(ctx).filter((op) => ctx.judges(name, op)),
  };
}

/** 1. What the other credential lists (first page); `false` when every list refused it. */
async function collectWhatTheyList(run: VariantRun): Promise<boolean> {
  const { ctx, other, lists } = run;
  let answered = 0;
  for (const op of lists) {
    const listed = await probe(ctx, name, op, listCase(ctx, op, other.auth, `list as ${other.option}`), op);
    if (!listed) continue;
    if (listed.response.status >= 300) continue;
    answered++;
    for (const item of items(listed)) {
      const id = identity(item);
      if (id && run.hidden(item) && !ctx.pool.isGuarded(id))
        run.foreign.set(id, { from: op.operationId, item });
    }
  }
  if (answered === 0 && lists.length > 0) {
    const anchor = lists.find((op) => ctx.judges(name, op)) ?? lists[0];
    if (anchor)
      ctx.recorder.error(name, anchor, `${other.option} was refused by every list: nothing to judge`);
    return false;
  }
  return true;
}

/** 3. Targets for writes that may only touch the run's own: created with the other credential. */
async function createTheirTargets(run: VariantRun): Promise<void> {
  const { ctx, other } = run;
  const madeFor = new Map<string, string | undefined>();
  for (const op of run.writes) {
    const plan = ctx.plan(op);
    if (!plan?.ownedTargetsOnly || !plan.creator) continue;
    const key = [plan.creator.operationId, ...plan.prepare.map((p) => p.operationId)].join('>');
    if (!madeFor.has(key)) madeFor.set(key, await createAs(ctx, other, plan.creator, plan.prepare, run.seed));
    const id = madeFor.get(key);
    if (!id) continue;
    run.created.add(id);
    const read = readOperations(ctx).find((r) => r.path === itemPath(op));
    const again = read
      ? await probe(
          ctx,
          name,
          read,
          withTarget(ctx, read, bareCase(`${name}: read as ${other.option}`, { auth: other.auth }), id),
          op,
        )
      : undefined;
    const item = data(again) ?? {};
    if (run.hidden(item)) run.foreign.set(id, { from: plan.creator.operationId, item });
  }
}

/** 4. A read of their id with the run's credential is 404 not_found (when their owner can read it). */
async function readOfTheirIdIsNotFound(run: VariantRun, op: OperationSpec): Promise<void> {
  const { ctx, other, created } = run;
  const prefix = pathIdPrefixes(ctx.spec, op)[0] ?? '';
  const ids = [...run.foreign.keys()]
    .filter((id) => id.startsWith(`${prefix}_`))
    .sort((a, b) => Number(created.has(b)) - Number(created.has(a)))
    .slice(0, PER_READ);
  if (ids.length === 0) {
    record(
      ctx,
      name,
      op,
      skip(`${other.option} listed or created no ${prefix}_ id to try (${other.variant})`),
    );
    return;
  }
  for (const id of ids) {
    const control = await probe(
      ctx,
      name,
      op,
      withTarget(ctx, op, bareCase(`${name}: read as ${other.option}`, { auth: other.auth }), id),
    );
    if (!control || control.response.status >= 300) continue; // not readable by its owner: proves nothing
    const mine = await probe(
      ctx,
      name,
      op,
      withTarget(ctx, op, bareCase(`${name}: read ${other.whose} id with the run's credential`), id),
    );
    if (mine) record(ctx, name, op, judgeReach(mine, op, id, other), mine);
  }
}

/** 5. The run's own lists (up to PAGES pages) never include their ids. */
async function ownListNeverIncludesThem(run: VariantRun, op: OperationSpec): Promise<void> {
  const { ctx, other, foreign } = run;
  if (foreign.size === 0) {
    record(ctx, name, op, skip(`${other.option} listed nothing and the check could create nothing`));
    return;
  }
  let testCase = listCase(ctx, op, 'default', "list with the run's credential");
  for (let page = 0; page < PAGES; page++) {
    const listed = await probe(ctx, name, op, testCase);
    if (!listed || listed.response.status >= 300) break;
    const leaked = items(listed)
      .map(identity)
      .filter((id): id is string => id !== undefined && foreign.has(id));
    record(
      ctx,
      name,
      op,
      leaked.length === 0
        ? PASS
        : fail(
            `${describeOp(op)} with the run's credential lists ${leaked.slice(0, 5).join(', ')}${leaked.length > 5 ? ` and ${leaked.length - 5} more` : ''}, ${other.whose} (${other.option}; seen in ${foreign.get(leaked[0] ?? '')?.from})`,
            other.variant,
          ),
      listed,
    );
    const next = isObject(listed.json) ? listed.json.nextCursor : undefined;
    if (typeof next !== 'string' || !(isObject(listed.json) && listed.json.hasMore === true)) break;
    testCase = { ...testCase, query: { ...testCase.query, cursor: next } };
  }
}

/** Their id a write may aim at (owned-only writes: one the check created), or why there is none. */
function writeTarget(run: VariantRun, op: OperationSpec): { id: string } | { skip: string } {
  const { ctx, other, created } = run;
  const plan = ctx.plan(op);
  const prefix = pathIdPrefixes(ctx.spec, op)[0] ?? '';
  const ids = [...run.foreign.keys()].filter(
    (id) =>
      id.startsWith(`${prefix}_`) &&
      !ctx.pool.isGuarded(id) &&
      // The safety rules: operations that may only touch the run's own get only what the check created.
      (plan?.ownedTargetsOnly ? created.has(id) : true),
  );
  const id = ids.find((i) => created.has(i)) ?? ids[0];
  if (id) return { id };
  return {
    skip: plan?.ownedTargetsOnly
      ? `no ${prefix}_ resource of ${other.option} the check created to aim ${op.operationId} at (it only ever targets resources the run created)`
      : `${other.option} listed or created no ${prefix}_ id to try`,
  };
}

/** A valid case of `op` with the run's credential, aimed at their `id`. */
function writeAttempt(run: VariantRun, op: OperationSpec, id: string): Case {
  const { ctx, other } = run;
  const [generated] = positiveCases(op, ctx.generator(op), 1, deriveSeed(run.seed, op.operationId));
  const base =
    generated ?? bareCase('', op.requestBody ? { body: { contentType: 'application/json', value: {} } } : {});
  return withTarget(
    ctx,
    op,
    { ...base, auth: 'default', description: `${name}: ${op.operationId} on ${other.whose} id` },
    id,
  );
}

/** 6. A write to their id with the run's credential is 404, and the record is unchanged (re-read as its owner). */
async function writeToTheirIdChangesNothing(run: VariantRun, op: OperationSpec): Promise<void> {
  const { ctx, other } = run;
  const target = writeTarget(run, op);
  if ('skip' in target) return record(ctx, name, op, skip(target.skip));
  const { id } = target;
  const read = readOperations(ctx).find((r) => r.path === itemPath(op));
  const reread = async () =>
    read
      ? probe(
          ctx,
          name,
          read,
          withTarget(ctx, read, bareCase(`${name}: re-read as ${other.option}`, { auth: other.auth }), id),
          op,
        )
      : undefined;
  const before = await reread();
  if (read && (!before || before.response.status >= 300))
    return record(
      ctx,
      name,
      op,
      skip(`${other.option} cannot read ${id} itself (${before ? said(before) : 'no response'})`),
    );
  const sent = await probe(ctx, name, op, writeAttempt(run, op, id));
  if (!sent) return;
  record(ctx, name, op, judgeReach(sent, op, id, other), sent);
  const after = await reread();
  if (!before || !after) return;
  const same =
    after.response.status === before.response.status && stable(data(after)) === stable(data(before));
  if (!same)
    record(
      ctx,
      name,
      op,
      fail(
        `${describeOp(op)} with the run's credential changed ${id}, ${other.whose} (${other.option}): it reads ${said(after)}${after.response.status < 300 ? ' with other data' : ''} after the write (${said(before)} before)`,
        other.variant,
      ),
      after,
    );
}

async function runVariant(ctx: CheckContext, other: Other): Promise<void> {
  const run = await startVariant(ctx, other);
  if (!(await collectWhatTheyList(run))) return;
  // 2. Idempotency-Keys are never shared across accounts or modes.
  const create = idempotentCreate(ctx);
  if (create && ctx.judges(name, create))
    await idempotencyScope(ctx, other, create, run.seed, run.foreign, run.created);
  await createTheirTargets(run);
  for (const op of readOperations(ctx).filter((o) => ctx.judges(name, o)))
    await readOfTheirIdIsNotFound(run, op);
  for (const op of run.lists.filter((o) => ctx.judges(name, o))) await ownListNeverIncludesThem(run, op);
  for (const op of run.writes) await writeToTheirIdChangesNothing(run, op);
  // 7. and 8. References to their ids in a request body or a query filter: answered like ids that exist nowhere.
  await bodyReferences(ctx, other, run.foreign, run.created, run.seed);
  await queryReferences(ctx, other, run.foreign);
}

/** Creates a resource through `creator` (then `prepare`) with the other credential; its id. */
async function createAs(
  ctx: CheckContext,
  other: Other,
  creator: OperationSpec,
  prepare: readonly OperationSpec[],
  seed: number,
): Promise<string | undefined> {
  const s = deriveSeed(seed, 'target', creator.operationId, ...prepare.map((p) => p.operationId));
  const candidates = [
    ...positiveCases(creator, ctx.generator(creator), 3, s + 2, 0).slice(1),
    ...positiveCases(creator, ctx.generator(creator), 4, s, 6),
  ];
  for (const candidate of candidates) {
    const sent = await probe(ctx, name, creator, {
      ...candidate,
      auth: other.auth,
      description: `${name}: a resource of ${other.option}`,
    });
    if (!sent || sent.response.status >= 300) continue;
    const id = resourceId(sent.json);
    if (!id) return undefined;
    ctx.pool.own(id, other.auth);
    for (const step of prepare) {
      const [base] = positiveCases(step, ctx.generator(step), 1, s);
      if (!base) return undefined;
      const prepared = await probe(
        ctx,
        name,
        step,
        withTarget(
          ctx,
          step,
          { ...base, auth: other.auth, description: `${name}: prepare as ${other.option}` },
          id,
        ),
      );
      if (!prepared || prepared.response.status >= 300) return undefined;
    }
    return id;
  }
  return undefined;
}

const replayed = (e: Exchange) => e.response.headers['idempotent-replayed']?.trim().toLowerCase() === 'true';

/** The same Idempotency-Key and body from both credentials: two resources, no replay. */
async function idempotencyScope(
  ctx: CheckContext,
  other: Other,
  op: OperationSpec,
  seed: number,
  foreign: Map<string, { readonly from: string; readonly item: Json }>,
  created: Set<string>,
): Promise<void> {
  const header = op.parameters.find((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const headerName = header?.name ?? 'Idempotency-Key';
  // Generated bodies, not the documented example: a unique field (a SKU) lets that one succeed once.
  const s = deriveSeed(seed, 'idempotency');
  const candidates = [
    ...positiveCases(op, ctx.generator(op), 3, s, 0).slice(1),
    ...positiveCases(op, ctx.generator(op), 3, s + 1, 6).slice(1),
  ];
  for (const [i, candidate] of candidates.entries()) {
    const key = `conformance-${nonce(ctx, 24, name, other.variant, 'idempotency', i)}`;
    const testCase: Case = {
      ...candidate,
      headers: { ...candidate.headers, [headerName]: key },
      description: `${name}: ${op.operationId} with an Idempotency-Key, the run's credential`,
    };
    const mine = await probe(ctx, name, op, { ...testCase, auth: 'default' });
    if (!mine) return;
    const mineId = mine.response.status < 300 ? resourceId(mine.json) : undefined;
    if (mineId) ctx.pool.own(mineId);
    if (mine.response.status >= 300) continue; // a unique field taken: another body
    const theirs = await probe(ctx, name, op, {
      ...testCase,
      auth: other.auth,
      description: `${name}: the same Idempotency-Key and body as ${other.option}`,
    });
    if (!theirs) return;
    const theirId = theirs.response.status < 300 ? resourceId(theirs.json) : undefined;
    if (theirId && theirId !== mineId) {
      ctx.pool.own(theirId, other.auth);
      created.add(theirId);
      foreign.set(theirId, { from: op.operationId, item: data(theirs) ?? {} });
    }
    record(
      ctx,
      name,
      op,
      theirs.response.status < 300 && !replayed(theirs) && theirId !== mineId
        ? PASS
        : fail(
            `${describeOp(op)}: the Idempotency-Key and body the run's credential used, sent by ${other.whose} credential (${other.option}), was answered ${said(theirs)}${replayed(theirs) ? ' with Idempotent-Replayed: true' : ''}${theirId !== undefined && theirId === mineId ? ` naming the run's ${mineId}` : ''}; keys are never shared across accounts or modes: expected a new resource`,
            other.variant,
          ),
      theirs,
    );
    return;
  }
  record(
    ctx,
    name,
    op,
    skip(`${op.operationId} accepted none of ${candidates.length} valid bodies from the run's credential`),
  );
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const others: Other[] = [];
  if (settings.otherAccountKey)
    others.push({
      variant: 'other-account',
      auth: asKey(ctx, settings.otherAccountKey),
      option: '--other-account-key',
      whose: "another account's",
    });
  if (settings.otherModeKey)
    others.push({
      variant: 'other-mode',
      auth: asKey(ctx, settings.otherModeKey),
      option: '--other-mode-key',
      whose: "the other mode's",
    });
  if (others.length === 0) {
    for (const id of reportsOn(ctx)) {
      const op = ctx.spec.operations.find((o) => o.operationId === id);
      record(
        ctx,
        name,
        op,
        skip(
          'needs a credential of another account or mode: run with --other-account-key KEY (another account on this server) and/or --other-mode-key KEY (this account, the other mode)',
        ),
      );
    }
    return;
  }
  for (const other of others) await runVariant(ctx, other);
}

export const tenantIsolation = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: reportsOn,
  description:
    "Another account's (or mode's) ids are 404 not_found to the run's credential on every read and write by id (never 200 or 403), never in its lists, unchanged by its writes; references to them in a request body answer like ids that exist nowhere (the same 4xx and error.code); Idempotency-Keys are never shared across accounts or modes.",
  clause:
    '"Accounts and modes": other accounts\' ids answer 404 not_found, lists never include them, references to them in a body answer 422 like ids that do not exist, Idempotency-Keys never shared across accounts or modes; a key\'s environment decides its mode',
  run,
});
