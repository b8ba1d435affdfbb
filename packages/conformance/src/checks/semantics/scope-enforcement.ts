/**
 * @module scope_enforcement: every operation with `x-required-scopes` refuses a key holding every
 * scope but the one it needs — 403 `insufficient_scope` naming it in `error.scope`; the
 * `resource:action` alias and `read:*`/`write:*` (`read`/`write`) grant exactly what the Scopes
 * table says; a key cannot create a key broader than itself (the scope_escalation helpers).
 * Each sub-test runs only on selected operations and is filed under the operation it exercises.
 */
import type { OperationId } from '@regen/contract';
import { effectiveSchema, idPrefixOf } from '../../generate/schema-utils.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import {
  asKey,
  call,
  data,
  errorObject,
  newKey,
  nonce,
  operation,
  record,
  requiredScopes,
  requireOp,
  said,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, skip } from '../api.ts';

export const name = 'scope_enforcement';

/** Path parameters naming nothing (well-formed ids no server has): a refusal cannot be about state. */
function nowhere(ctx: CheckContext, op: OperationSpec): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const schema = p.schema ? effectiveSchema(ctx.spec.document, p.schema.schema) : undefined;
    const prefix = schema ? idPrefixOf(schema) : undefined;
    out[p.name] = `${prefix ?? 'id'}_${nonce(ctx, 20, name, op.operationId, p.name)}`;
  }
  return out;
}

function refusal(exchange: Exchange, scope: string, who: string): ReturnType<typeof fail> {
  const error = errorObject(exchange);
  if (exchange.response.status !== 403 || (error?.code !== undefined && error.code !== 'insufficient_scope'))
    return fail(
      `${who} was answered ${said(exchange)}, expected 403 insufficient_scope naming ${scope}`,
      exchange.response.status < 300 ? 'not-enforced' : 'wrong-refusal',
    );
  if (error && error.scope !== scope)
    return fail(
      `${who} was refused (403) with error.scope ${JSON.stringify(error.scope ?? null)}, expected "${scope}"`,
      'wrong-scope',
    );
  return PASS;
}

/** Every operation needing `scope` refuses a key holding every other scope. */
async function operationsRefuseAKeyWithout(
  ctx: CheckContext,
  scope: string,
  ops: readonly OperationSpec[],
  all: readonly string[],
): Promise<void> {
  const made = await newKey(
    ctx,
    name,
    all.filter((s) => s !== scope),
    `all but ${scope}`,
  );
  if (!made.key) {
    for (const op of ops)
      record(
        ctx,
        name,
        op,
        skip(
          `the run's credential could not create a key without ${scope} (createApiKey answered ${made.status})`,
        ),
      );
    return;
  }
  for (const op of ops) {
    const hasBody = op.requestBody !== null;
    const exchange = await call(ctx, name, op, `${op.operationId} with every scope but ${scope}`, {
      pathParams: nowhere(ctx, op),
      auth: asKey(ctx, made.key.key),
      ...(hasBody ? { body: { contentType: 'application/json', value: {} } } : {}),
    });
    if (exchange)
      record(
        ctx,
        name,
        op,
        refusal(exchange, scope, `${op.operationId} with every scope but ${scope}`),
        exchange,
      );
  }
}

/** Keys with an alias or a wildcard: what the Scopes table says they grant, and what they do not. */
interface Grant {
  readonly scopes: readonly string[];
  readonly allowed: readonly OperationId[];
  readonly refused: readonly (readonly [OperationId, string])[];
}

const GRANTS: readonly Grant[] = [
  {
    scopes: ['products:read'],
    allowed: ['listProducts'],
    refused: [
      ['createProduct', 'write:products'],
      ['listOrders', 'read:orders'],
    ],
  },
  {
    scopes: ['read:*'],
    allowed: ['listOrders', 'listProducts'],
    refused: [['createProduct', 'write:products']],
  },
  { scopes: ['read'], allowed: ['listCustomers'], refused: [['createOrder', 'write:orders']] },
  { scopes: ['write:*'], allowed: [], refused: [['listProducts', 'read:products']] },
];

/** The `resource:action` alias is answered in the canonical `action:resource` spelling. */
function aliasIsShownCanonical(
  ctx: CheckContext,
  create: OperationSpec,
  grant: Grant,
  made: Exchange | undefined,
) {
  const shown = data(made)?.scopes;
  if (!grant.scopes[0]?.includes(':') || grant.scopes[0].includes('*')) return;
  const canonical = grant.scopes.map((s) => s.split(':').reverse().join(':'));
  record(
    ctx,
    name,
    create,
    JSON.stringify(shown) === JSON.stringify(canonical)
      ? PASS
      : fail(
          `a key created with ${JSON.stringify(grant.scopes)} shows scopes ${JSON.stringify(shown)}, expected the canonical ${JSON.stringify(canonical)}`,
          'not-canonical',
        ),
    made,
  );
}

/** The operation `operationId` when the run judges this check on it. */
function judged(ctx: CheckContext, operationId: OperationId): OperationSpec | undefined {
  const op = operation(ctx, operationId);
  return op && ctx.judges(name, op) ? op : undefined;
}

/** A key with `grant.scopes` may call what they grant and is refused (naming the scope) the rest. */
async function grantIsExactlyTheScopesTable(
  ctx: CheckContext,
  create: OperationSpec,
  grant: Grant,
): Promise<void> {
  const allowed = grant.allowed.flatMap((id) => judged(ctx, id) ?? []);
  const refused = grant.refused.flatMap(([id, scope]) => {
    const op = judged(ctx, id);
    return op ? [[op, scope] as const] : [];
  });
  if (allowed.length === 0 && refused.length === 0 && !ctx.judges(name, create)) return;
  const made = await newKey(ctx, name, grant.scopes, `scopes ${grant.scopes.join(' ')}`);
  if (!made.key) {
    const message = `createApiKey refused scopes ${JSON.stringify(grant.scopes)} (${made.status}), which the contract accepts`;
    return record(ctx, name, create, fail(message, 'alias-refused'), made.exchange);
  }
  aliasIsShownCanonical(ctx, create, grant, made.exchange);
  const held = grant.scopes.join(' ');
  for (const op of allowed) {
    const ok = await call(ctx, name, op, `${op.operationId} with ${held}`, {
      auth: asKey(ctx, made.key.key),
    });
    if (ok)
      record(
        ctx,
        name,
        op,
        ok.response.status < 300
          ? PASS
          : fail(
              `${op.operationId} with a key holding ${held} was answered ${said(ok)}; the Scopes table grants it`,
              'alias-not-granted',
            ),
        ok,
      );
  }
  for (const [op, scope] of refused) {
    const no = await call(ctx, name, op, `${op.operationId} with ${held}`, {
      auth: asKey(ctx, made.key.key),
      ...(op.requestBody ? { body: { contentType: 'application/json', value: {} } } : {}),
    });
    if (no)
      record(ctx, name, op, refusal(no, scope, `${op.operationId} with a key holding only ${held}`), no);
  }
}

/** A key manager (`read:api_keys write:api_keys`) cannot create a key with read:products. */
async function noKeyCreatesABroaderOne(
  ctx: CheckContext,
  create: OperationSpec,
  manager: string,
): Promise<void> {
  const broader = await call(ctx, name, 'createApiKey', 'a key manager creates a broader key', {
    auth: asKey(ctx, manager),
    body: {
      contentType: 'application/json',
      value: { name: `conformance broader ${nonce(ctx, 6, name, 'broader')}`, scopes: ['read:products'] },
    },
  });
  if (!broader) return;
  const id = data(broader)?.id;
  if (broader.response.status < 300 && typeof id === 'string') ctx.pool.own(id);
  const who = 'a key holding read:api_keys write:api_keys creating a key with read:products';
  record(ctx, name, create, refusal(broader, 'read:products', who), broader);
}

/** … nor manage one (an update of a key holding read:products; scope_escalation tries every key operation). */
async function noKeyManagesABroaderOne(ctx: CheckContext, manager: string): Promise<void> {
  const update = judged(ctx, 'updateApiKey');
  if (!update) return;
  const victim = await newKey(ctx, name, ['read:api_keys', 'write:api_keys', 'read:products'], 'broader key');
  if (!victim.key) return;
  const managed = await call(ctx, name, 'updateApiKey', 'a key manager updates a broader key', {
    pathParams: { id: victim.key.id },
    auth: asKey(ctx, manager),
    body: { contentType: 'application/json', value: { name: 'escalated' } },
  });
  const who = 'a key holding read:api_keys write:api_keys updating a key with read:products';
  if (managed) record(ctx, name, update, refusal(managed, 'read:products', who), managed);
}

async function run(ctx: CheckContext): Promise<void> {
  const create = requireOp(ctx, 'createApiKey');
  const scoped = ctx.spec.operations.filter((op) => requiredScopes(ctx, op).length > 0);
  const all = [...new Set(scoped.flatMap((op) => requiredScopes(ctx, op)))].sort();
  for (const scope of all) {
    const ops = scoped.filter((op) => requiredScopes(ctx, op).includes(scope) && ctx.judges(name, op));
    if (ops.length > 0) await operationsRefuseAKeyWithout(ctx, scope, ops, all);
  }
  for (const grant of GRANTS) await grantIsExactlyTheScopesTable(ctx, create, grant);
  // No key broader than its creator (as scope_escalation probes key management in full).
  if (!ctx.judges(name, create) && !judged(ctx, 'updateApiKey')) return;
  const manager = await newKey(ctx, name, ['read:api_keys', 'write:api_keys'], 'key manager');
  if (!manager.key) return;
  if (ctx.judges(name, create)) await noKeyCreatesABroaderOne(ctx, create, manager.key.key);
  await noKeyManagesABroaderOne(ctx, manager.key.key);
}

export const scopeEnforcement = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: 'scoped',
  description:
    'Every operation with x-required-scopes refuses a key holding every other scope (403 insufficient_scope, error.scope naming it); aliases and read:*/write:* grant exactly the Scopes table; no key creates or manages a broader one.',
  clause:
    '"Scopes": x-required-scopes per operation, 403 insufficient_scope + error.scope; resource:action alias, read/write = read:*/write:*; a key grants only scopes it holds',
  run,
  profiles: { prism: [{ reason: 'Prism checks no scopes' }] },
});
