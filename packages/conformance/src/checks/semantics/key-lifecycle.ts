/**
 * @module key_lifecycle: an API key's life as the contract's "API keys" section and the key
 * operations describe it — the secret shown once, masked after, `keyPrefix` its first 12
 * characters; deactivated, deleted or expired keys refused with 401 `invalid_api_key`.
 */
import { isObject } from '../../spec/json-pointer.ts';
import type { OperationSpec } from '../../spec/types.ts';
import {
  asKey,
  call,
  data,
  newKey,
  noFreshKey,
  probeScopes,
  record,
  refused401,
  requireOp,
  ruleOf,
  said,
  tryCredential,
  wait,
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

export const name = 'key_lifecycle';

const RULES = {
  'key-prefix': {
    operation: 'createApiKey',
    description: 'a new key works, and its keyPrefix is its first 12 characters',
  },
  masked: {
    operation: 'getApiKey',
    description: 'getApiKey and listApiKeys mask the secret and show its keyPrefix',
  },
  deactivate: {
    operation: 'deactivateApiKey',
    description: 'a deactivated key is refused, 401 invalid_api_key',
  },
  activate: { operation: 'activateApiKey', description: 'an activated key works again' },
  delete: { operation: 'deleteApiKey', description: 'a deleted key is refused, 401 invalid_api_key' },
  expiry: {
    operation: 'createApiKey',
    description: 'a key past its expiresAt is refused, 401 invalid_api_key',
  },
} as const;

const rule = (r: keyof typeof RULES) => ruleOf(name, r);

/** Whether `exchange` is the contract's refusal of a key: 401 `invalid_api_key`. */
const refused = (exchange: Exchange): boolean => refused401(exchange, 'invalid_api_key');

/** The key operations, and a fresh key of the run's own the steps act on. */
interface Lifecycle {
  readonly ctx: CheckContext;
  readonly ops: Readonly<
    Record<'create' | 'get' | 'list' | 'deactivate' | 'activate' | 'remove', OperationSpec>
  >;
  readonly id: string;
  readonly key: string;
}

/** The probe operation with the key; errors and "cannot judge" skips are recorded on `on`. */
function useKey(life: Lifecycle, as: keyof typeof RULES, what: string, on: OperationSpec) {
  return tryCredential(life.ctx, rule(as), asKey(life.ctx, life.key), `use the key ${what}`, on);
}

/** Create shows the secret once; keyPrefix is its first 12 characters. */
function createShowsKeyPrefix(life: Lifecycle, made: Exchange | undefined): void {
  const prefix = data(made)?.keyPrefix;
  record(
    life.ctx,
    rule('key-prefix'),
    life.ops.create,
    typeof prefix === 'string' && prefix === life.key.slice(0, 12)
      ? PASS
      : fail(
          `createApiKey's keyPrefix is ${JSON.stringify(prefix)}, expected the key's first 12 characters`,
          'key-prefix',
        ),
    made,
  );
}

/** getApiKey masks the secret and shows its keyPrefix. */
async function getMasksTheSecret(life: Lifecycle): Promise<void> {
  const { ctx, key } = life;
  const got = await call(ctx, rule('masked'), 'getApiKey', 'get the key', { pathParams: { id: life.id } });
  if (!got) return;
  const d = data(got);
  record(
    ctx,
    rule('masked'),
    life.ops.get,
    got.response.status >= 300
      ? fail(`getApiKey of a new key answered ${said(got)}`, 'get')
      : got.response.bodyText.includes(key)
        ? fail(
            'getApiKey shows the secret (it appears only in the responses of create and rotate)',
            'unmasked',
          )
        : d?.keyPrefix !== key.slice(0, 12)
          ? fail(
              `getApiKey's keyPrefix is ${JSON.stringify(d?.keyPrefix)}, expected the key's first 12 characters`,
              'key-prefix',
            )
          : PASS,
    got,
  );
}

/** listApiKeys masks every secret and shows the key's keyPrefix. */
async function listMasksTheSecret(life: Lifecycle): Promise<void> {
  const { ctx, key } = life;
  const listed = await call(ctx, rule('masked'), 'listApiKeys', 'list keys', { query: { limit: 100 } });
  if (!listed) return;
  const items = isObject(listed.json) && Array.isArray(listed.json.data) ? listed.json.data : [];
  const mine = items.find((i) => isObject(i) && i.id === life.id);
  record(
    ctx,
    rule('masked'),
    life.ops.list,
    listed.response.bodyText.includes(key)
      ? fail('listApiKeys shows a secret (it appears only in the responses of create and rotate)', 'unmasked')
      : mine !== undefined && (!isObject(mine) || mine.keyPrefix !== key.slice(0, 12))
        ? fail("listApiKeys shows a keyPrefix other than the key's first 12 characters", 'key-prefix')
        : PASS,
    listed,
  );
}

/** An activated key works again. */
async function activatedKeyWorks(life: Lifecycle): Promise<void> {
  const { ctx, ops } = life;
  const activated = await call(ctx, rule('activate'), 'activateApiKey', 'activate the key', {
    pathParams: { id: life.id },
  });
  if (!activated) return;
  if (activated.response.status >= 300)
    return record(
      ctx,
      rule('activate'),
      ops.activate,
      fail(`activateApiKey answered ${said(activated)}`, 'activate'),
      activated,
    );
  const again = await useKey(life, 'activate', 'after activation', ops.activate);
  if (again)
    record(
      ctx,
      rule('activate'),
      ops.activate,
      again.response.status < 300
        ? PASS
        : fail(`an activated key was answered ${said(again)}, expected to work`, 'activated-refused'),
      again,
    );
}

/** A deactivated key is refused, 401 invalid_api_key; then activation restores it. */
async function deactivatedKeyIsRefused(life: Lifecycle): Promise<void> {
  const { ctx, ops } = life;
  const deactivated = await call(ctx, rule('deactivate'), 'deactivateApiKey', 'deactivate the key', {
    pathParams: { id: life.id },
  });
  if (!deactivated) return;
  if (deactivated.response.status >= 300)
    return record(
      ctx,
      rule('deactivate'),
      ops.deactivate,
      fail(`deactivateApiKey answered ${said(deactivated)}`, 'deactivate'),
      deactivated,
    );
  const after = await useKey(life, 'deactivate', 'after deactivation', ops.deactivate);
  if (after)
    record(
      ctx,
      rule('deactivate'),
      ops.deactivate,
      refused(after)
        ? PASS
        : fail(
            `a deactivated key was answered ${said(after)}, expected 401 invalid_api_key`,
            'deactivated-accepted',
          ),
      after,
    );
  await activatedKeyWorks(life);
}

/** A deleted key is refused, 401 invalid_api_key. */
async function deletedKeyIsRefused(life: Lifecycle): Promise<void> {
  const { ctx, ops } = life;
  const deleted = await call(ctx, rule('delete'), 'deleteApiKey', 'delete the key', {
    pathParams: { id: life.id },
  });
  if (!deleted) return;
  if (deleted.response.status >= 300)
    return record(
      ctx,
      rule('delete'),
      ops.remove,
      fail(`deleteApiKey answered ${said(deleted)}`, 'delete'),
      deleted,
    );
  ctx.pool.forget(life.id);
  const after = await useKey(life, 'delete', 'after deletion', ops.remove);
  if (after)
    record(
      ctx,
      rule('delete'),
      ops.remove,
      refused(after)
        ? PASS
        : fail(`a deleted key was answered ${said(after)}, expected 401 invalid_api_key`, 'deleted-accepted'),
      after,
    );
}

/** A key past expiresAt is refused, 401 (a key expiring in 3 s, when the wait is allowed). */
async function expiredKeyIsRefused(
  ctx: CheckContext,
  create: OperationSpec,
  settings: SemanticSettings,
): Promise<void> {
  const lifetimeMs = 3000;
  if (lifetimeMs + 1500 > settings.maxWaitMs)
    return record(
      ctx,
      rule('expiry'),
      create,
      skip(`an expiring key needs a ${(lifetimeMs + 1500) / 1000} s wait, over --max-wait`),
    );
  const expiresAt = new Date(Math.ceil((Date.now() + lifetimeMs) / 1000) * 1000);
  const expiring = await newKey(ctx, rule('expiry'), probeScopes(ctx, ['read:products']), 'expiring key', {
    expiresAt: expiresAt.toISOString(),
  });
  if (!expiring.key)
    return record(
      ctx,
      rule('expiry'),
      create,
      skip(`createApiKey refused a key expiring in 3 s (${expiring.status})`),
    );
  await wait(ctx, expiresAt.getTime() - Date.now() + 1500);
  const late = await tryCredential(
    ctx,
    rule('expiry'),
    asKey(ctx, expiring.key.key),
    'use a key past its expiresAt',
    create,
  );
  if (late)
    record(
      ctx,
      rule('expiry'),
      create,
      refused(late)
        ? PASS
        : fail(
            `a key past its expiresAt was answered ${said(late)}, expected 401 invalid_api_key`,
            'expired-accepted',
          ),
      late,
    );
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const ops = {
    create: requireOp(ctx, 'createApiKey'),
    get: requireOp(ctx, 'getApiKey'),
    list: requireOp(ctx, 'listApiKeys'),
    deactivate: requireOp(ctx, 'deactivateApiKey'),
    activate: requireOp(ctx, 'activateApiKey'),
    remove: requireOp(ctx, 'deleteApiKey'),
  };
  const made = await newKey(ctx, rule('key-prefix'), probeScopes(ctx, ['read:products']), 'lifecycle key');
  if (!made.key) return record(ctx, rule('key-prefix'), ops.create, noFreshKey(made));
  const life: Lifecycle = { ctx, ops, id: made.key.id, key: made.key.key };
  createShowsKeyPrefix(life, made.exchange);
  const control = await useKey(life, 'key-prefix', 'right after creation', ops.create);
  // No control (no probe the server serves): the steps still run, each trial of the key then
  // recorded as "cannot judge" on the operation it is about.
  if (control && control.response.status >= 300) {
    const reason = `a new key was refused (${control.operation?.operationId ?? 'the probe operation'} answered ${said(control)}): nothing to judge`;
    return ctx.recorder.error(rule('key-prefix'), ops.create, reason);
  }
  await getMasksTheSecret(life);
  await listMasksTheSecret(life);
  await deactivatedKeyIsRefused(life);
  await deletedKeyIsRefused(life);
  await expiredKeyIsRefused(ctx, ops.create, settings);
}

export const keyLifecycle = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: [
    'createApiKey',
    'getApiKey',
    'listApiKeys',
    'deactivateApiKey',
    'activateApiKey',
    'deleteApiKey',
  ],
  rules: RULES,
  description:
    'A new key shows its secret once (keyPrefix = its first 12 characters), get/list mask it; deactivated, deleted and expired keys are refused with 401 invalid_api_key, an activated one works.',
  clause:
    '"API keys" (README) and the key operations: key only in create/rotate responses, keyPrefix, 401 invalid_api_key for expired, inactive, deleted keys',
  run,
  profiles: {
    prism: [
      {
        reason:
          'Prism keeps no keys: a deactivated, deleted or expired key still passes (any credential does)',
      },
    ],
  },
});
