/**
 * @module scope_escalation: a key that may manage keys cannot manage (read, update, rotate,
 * deactivate, activate, delete) a key holding scopes it lacks, nor create one broader than
 * itself: 403 `insufficient_scope` (the contract's API-key management rule, "Security").
 */
import type { Case } from '../../generate/case.ts';
import { isObject } from '../../spec/json-pointer.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import {
  bareCase,
  created,
  createKey,
  errorCode,
  jsonBody,
  keyAuth,
  nonce,
  operation,
  probe,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, skip } from '../api.ts';

export const name = 'scope_escalation';

/** The scopes of the narrow key: exactly what key management needs. */
const NARROW = ['read:api_keys', 'write:api_keys'] as const;
/** A scope the narrow key lacks, added to make a key broader than it. */
const EXTRA = 'read:products';

function judge(exchange: Exchange, what: string): ReturnType<typeof fail> {
  const { status } = exchange.response;
  const code = errorCode(exchange.json);
  const error = isObject(exchange.json) && isObject(exchange.json.error) ? exchange.json.error : undefined;
  if (status === 403 && (code === undefined || code === 'insufficient_scope')) {
    // "403 insufficient_scope naming the first scope the caller lacks" (in `error.scope`).
    if (error && error.scope !== EXTRA)
      return fail(
        `${exchange.operation?.operationId ?? 'The request'} with a key holding only ${NARROW.join(', ')} was refused (403), but error.scope is ${JSON.stringify(error.scope ?? null)}, expected "${EXTRA}" (the scope it lacks)`,
        'wrong-scope',
      );
    return PASS;
  }
  return fail(
    `A key holding only ${NARROW.join(', ')} ${what}: answered ${status}${code ? ` ${code}` : ''}, expected 403 insufficient_scope`,
    status < 300 ? 'escalated' : 'wrong-refusal',
  );
}

type KeyOperations = Readonly<
  Record<
    'create' | 'get' | 'update' | 'rotate' | 'deactivate' | 'activate' | 'remove',
    OperationSpec | undefined
  >
>;

/** A narrow key (key management only) and a broader one it must not manage. */
interface Escalation {
  readonly ctx: CheckContext;
  readonly ops: KeyOperations;
  readonly narrow: { readonly id: string; readonly key: string };
  readonly broaderId: string;
  /** Authentication as the narrow key. */
  readonly as: Case['auth'];
}

/** Creates the narrow and the broader key with the run's credential; why not, when it cannot. */
async function createTheKeys(
  ctx: CheckContext,
  ops: KeyOperations,
  create: OperationSpec,
): Promise<Escalation | { skip: string }> {
  const narrow = await createKey(ctx, create, NARROW, 'narrow key', name);
  if (!narrow.key)
    return { skip: `the run's credential could not create a key (createApiKey answered ${narrow.status})` };
  const victim = await createKey(ctx, create, [...NARROW, EXTRA], 'broader key', name);
  if (!victim.key)
    return {
      skip: `the run's credential could not create a key with ${EXTRA} (createApiKey answered ${victim.status})`,
    };
  ctx.redactor.add(narrow.key.key, '$REGEN_CREATED_KEY');
  ctx.redactor.add(victim.key.key, '$REGEN_CREATED_KEY');
  return { ctx, ops, narrow: narrow.key, broaderId: victim.key.id, as: keyAuth(ctx, narrow.key.key) };
}

/** Control: the narrow key manages what it may (itself); otherwise its refusals prove nothing. */
async function narrowKeyReadsItself(e: Escalation, get: OperationSpec, judged: readonly OperationSpec[]) {
  const { ctx } = e;
  const control = await probe(
    ctx,
    name,
    get,
    bareCase('scope_escalation: control, read itself', { pathParams: { id: e.narrow.id }, auth: e.as }),
  );
  if (!control) return false;
  if (control.response.status < 300) return true;
  for (const op of judged)
    ctx.recorder.error(
      name,
      op,
      `the narrow key could not read itself (getApiKey answered ${control.response.status}); its refusals prove nothing`,
    );
  return false;
}

/** What the narrow key tries on the broader key, and what succeeding would mean. */
interface Attack {
  readonly op: OperationSpec | undefined;
  readonly what: string;
  readonly body?: Json;
  readonly prepare?: OperationSpec | undefined;
}

function attacks(ops: KeyOperations): Attack[] {
  return [
    { op: ops.get, what: 'could read a key holding more scopes' },
    { op: ops.update, what: 'could update a key holding more scopes', body: { name: 'escalated' } },
    { op: ops.rotate, what: 'could rotate a key holding more scopes (and receive its new secret)' },
    { op: ops.deactivate, what: 'could deactivate a key holding more scopes' },
    // Activate meets a deactivated key, so a refusal is about scope, not state.
    { op: ops.activate, what: 'could activate a key holding more scopes', prepare: ops.deactivate },
    { op: ops.remove, what: 'could delete a key holding more scopes' },
  ];
}

/** The narrow key cannot manage (or read) the broader key: 403 insufficient_scope naming the scope it lacks. */
async function narrowKeyCannotManageBroaderKey(e: Escalation, attack: Attack): Promise<void> {
  const { ctx } = e;
  const op = attack.op;
  if (!op || !ctx.judges(name, op)) return;
  if (attack.prepare) {
    await probe(
      ctx,
      name,
      attack.prepare,
      bareCase('scope_escalation: deactivate the broader key first', { pathParams: { id: e.broaderId } }),
      op,
    );
  }
  const exchange = await probe(
    ctx,
    name,
    op,
    bareCase(`scope_escalation: ${op.operationId} of a broader key with a narrow key`, {
      pathParams: { id: e.broaderId },
      auth: e.as,
      ...(attack.body !== undefined ? { body: jsonBody(attack.body) } : {}),
    }),
  );
  if (!exchange) return;
  if (op === e.ops.remove && exchange.response.status < 300) ctx.pool.forget(e.broaderId);
  ctx.recorder.record(name, op, judge(exchange, attack.what), exchange);
}

/** The narrow key cannot create a key broader than itself. */
async function narrowKeyCannotCreateBroaderKey(e: Escalation, create: OperationSpec): Promise<void> {
  const { ctx } = e;
  if (!ctx.judges(name, create)) return;
  const exchange = await probe(
    ctx,
    name,
    create,
    bareCase('scope_escalation: create a broader key with a narrow key', {
      auth: e.as,
      body: jsonBody({
        name: `conformance escalated ${nonce(ctx, 6, name, 'escalated')}`,
        scopes: [...NARROW, EXTRA],
      }),
    }),
  );
  if (!exchange) return;
  const made = created(exchange);
  if (made) ctx.pool.own(made.id);
  ctx.recorder.record(name, create, judge(exchange, `could create a key with ${EXTRA}`), exchange);
}

async function run(ctx: CheckContext): Promise<void> {
  const ops: KeyOperations = {
    create: operation(ctx, 'createApiKey'),
    get: operation(ctx, 'getApiKey'),
    update: operation(ctx, 'updateApiKey'),
    rotate: operation(ctx, 'rotateApiKey'),
    deactivate: operation(ctx, 'deactivateApiKey'),
    activate: operation(ctx, 'activateApiKey'),
    remove: operation(ctx, 'deleteApiKey'),
  };
  const judged = Object.values(ops).filter(
    (op): op is OperationSpec => op !== undefined && ctx.judges(name, op),
  );
  if (judged.length === 0) return;
  const everywhere = (verdict: ReturnType<typeof skip>) => {
    for (const op of judged) ctx.recorder.record(name, op, verdict);
  };
  if (!ops.create || !ops.get) return everywhere(skip('the contract has no createApiKey/getApiKey'));
  const escalation = await createTheKeys(ctx, ops, ops.create);
  if ('skip' in escalation) return everywhere(skip(escalation.skip));
  if (!(await narrowKeyReadsItself(escalation, ops.get, judged))) return;
  for (const attack of attacks(ops)) await narrowKeyCannotManageBroaderKey(escalation, attack);
  await narrowKeyCannotCreateBroaderKey(escalation, ops.create);
}

export const scopeEscalation = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'probe',
  description:
    'A key holding only read:api_keys/write:api_keys cannot read, update, rotate, deactivate, activate or delete a broader key, nor create one (403 insufficient_scope).',
  run,
  clause:
    "managing (or reading) a key needs every scope it holds; a credential grants only scopes it holds (`read:api_keys`/`write:api_keys` row of Scopes, each key operation's description)",
  profiles: {
    prism: [{ reason: 'Prism checks no scopes and keeps no keys: every key operation answers its example' }],
  },
});
