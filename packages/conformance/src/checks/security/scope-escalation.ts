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

async function run(ctx: CheckContext): Promise<void> {
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

  const narrow = await createKey(ctx, ops.create, NARROW, 'narrow key', name);
  if (!narrow.key)
    return everywhere(
      skip(`the run's credential could not create a key (createApiKey answered ${narrow.status})`),
    );
  const victim = await createKey(ctx, ops.create, [...NARROW, EXTRA], 'broader key', name);
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
