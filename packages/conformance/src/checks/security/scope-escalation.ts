/**
 * @module scope_escalation: a key that may manage keys cannot manage (read, update, rotate,
 * deactivate, activate, delete) a key holding scopes it lacks, nor create one broader than
 * itself: 403 `insufficient_scope` (the contract's API-key management rule, "Security").
 */
import type { Case } from '../../generate/case.ts';
import type { RunContext } from '../../run/context.ts';
import { isObject } from '../../spec/json-pointer.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import { type CheckName, type Exchange, fail, PASS, skip } from '../types.ts';
import { bareCase, errorCode, jsonBody, nonce, operation, probe, type SecurityCheck } from './support.ts';

export const name = 'scope_escalation';

/** The scopes of the narrow key: exactly what key management needs. */
const NARROW = ['read:api_keys', 'write:api_keys'] as const;
/** A scope the narrow key lacks, added to make a key broader than it. */
const EXTRA = 'read:products';

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

export function keyAuth(ctx: RunContext, key: string): Case['auth'] {
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
  ctx: RunContext,
  create: OperationSpec,
  scopes: readonly string[],
  label: string,
  check: CheckName = name,
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

async function run(ctx: RunContext): Promise<void> {
  const ops = {
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

  const narrow = await createKey(ctx, ops.create, NARROW, 'narrow key');
  if (!narrow.key)
    return everywhere(
      skip(`the run's credential could not create a key (createApiKey answered ${narrow.status})`),
    );
  const victim = await createKey(ctx, ops.create, [...NARROW, EXTRA], 'broader key');
  if (!victim.key)
    return everywhere(
      skip(
        `the run's credential could not create a key with ${EXTRA} (createApiKey answered ${victim.status})`,
      ),
    );
  const as = keyAuth(ctx, narrow.key.key);
  ctx.redactor.add(narrow.key.key, '$REGEN_CREATED_KEY');
  ctx.redactor.add(victim.key.key, '$REGEN_CREATED_KEY');

  // Control: the narrow key manages what it may (itself); otherwise its refusals prove nothing.
  const control = await probe(
    ctx,
    name,
    ops.get,
    bareCase('scope_escalation: control, read itself', {
      pathParams: { id: narrow.key.id },
      auth: as,
    }),
  );
  if (!control) return;
  if (control.response.status >= 300) {
    for (const op of judged)
      ctx.recorder.error(
        name,
        op,
        `the narrow key could not read itself (getApiKey answered ${control.response.status}); its refusals prove nothing`,
      );
    return;
  }

  const target = { id: victim.key.id };
  const attacks: {
    op: OperationSpec | undefined;
    what: string;
    body?: Json;
    prepare?: OperationSpec | undefined;
  }[] = [
    { op: ops.get, what: 'could read a key holding more scopes' },
    { op: ops.update, what: 'could update a key holding more scopes', body: { name: 'escalated' } },
    { op: ops.rotate, what: 'could rotate a key holding more scopes (and receive its new secret)' },
    { op: ops.deactivate, what: 'could deactivate a key holding more scopes' },
    // Activate meets a deactivated key, so a refusal is about scope, not state.
    { op: ops.activate, what: 'could activate a key holding more scopes', prepare: ops.deactivate },
    { op: ops.remove, what: 'could delete a key holding more scopes' },
  ];
  for (const attack of attacks) {
    const op = attack.op;
    if (!op || !ctx.judges(name, op)) continue;
    if (attack.prepare) {
      await probe(
        ctx,
        name,
        attack.prepare,
        bareCase('scope_escalation: deactivate the broader key first', { pathParams: { id: target.id } }),
        op,
      );
    }
    const exchange = await probe(
      ctx,
      name,
      op,
      bareCase(`scope_escalation: ${op.operationId} of a broader key with a narrow key`, {
        pathParams: { id: target.id },
        auth: as,
        ...(attack.body !== undefined ? { body: jsonBody(attack.body) } : {}),
      }),
    );
    if (!exchange) continue;
    if (op === ops.remove && exchange.response.status < 300) ctx.pool.forget(target.id);
    ctx.recorder.record(name, op, judge(exchange, attack.what), exchange);
  }

  if (ctx.judges(name, ops.create)) {
    const exchange = await probe(
      ctx,
      name,
      ops.create,
      bareCase('scope_escalation: create a broader key with a narrow key', {
        auth: as,
        body: jsonBody({
          name: `conformance escalated ${nonce(ctx, 6, name, 'escalated')}`,
          scopes: [...NARROW, EXTRA],
        }),
      }),
    );
    if (exchange) {
      const made = created(exchange);
      if (made) ctx.pool.own(made.id);
      ctx.recorder.record(name, ops.create, judge(exchange, `could create a key with ${EXTRA}`), exchange);
    }
  }
}

export const scopeEscalation: SecurityCheck = {
  name,
  kind: 'security',
  stage: 'probe',
  description:
    'A key holding only read:api_keys/write:api_keys cannot read, update, rotate, deactivate, activate or delete a broader key, nor create one (403 insufficient_scope).',
  run,
};
