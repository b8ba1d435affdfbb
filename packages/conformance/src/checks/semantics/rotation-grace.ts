/**
 * @module rotation_grace, one testcase per rule: after `rotateApiKey` the new secret works at
 * once (`new-secret`) and the old one keeps working until `previousKeyExpiresAt` (`grace`), then
 * is refused, 401 `invalid_api_key` (`expiry`). The wait
 * is bounded by `--max-wait`: a longer grace verifies the "still valid" half and reports the
 * other skipped with the reason (on the probe operation, where the old secret is tried:
 * support/probe-operation.ts).
 */
import type { OperationSpec } from '../../spec/types.ts';
import {
  asKey,
  call,
  data,
  newKey,
  noFreshKey,
  probeOperation,
  probeScopes,
  record,
  refused401,
  requireOp,
  ruleOf,
  said,
  tryCredential,
  wait,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, fail, PASS, type SemanticSettings, skip } from '../api.ts';

export const name = 'rotation_grace';

const RULES = {
  'new-secret': {
    operation: 'rotateApiKey',
    description: 'the new secret works at once, and still after the old one expired',
  },
  grace: {
    operation: 'rotateApiKey',
    description: 'the old secret keeps working until previousKeyExpiresAt',
  },
  expiry: {
    operation: 'rotateApiKey',
    description:
      'after previousKeyExpiresAt the old secret is refused, 401 invalid_api_key (on the probe operation)',
  },
} as const;

const rule = (r: keyof typeof RULES) => ruleOf(name, r);

/** A rotated key of the run's own: both secrets and when the old one stops working. */
interface Rotation {
  readonly ctx: CheckContext;
  readonly ops: { readonly rotate: OperationSpec; readonly use: OperationSpec };
  readonly old: string;
  readonly fresh: string;
  /** previousKeyExpiresAt, in ms. */
  readonly until: number;
}

/** Creates a key and rotates it; `undefined` (verdict recorded) when the server would not. */
async function rotateAFreshKey(ctx: CheckContext, ops: Rotation['ops']): Promise<Rotation | undefined> {
  const made = await newKey(ctx, rule('new-secret'), probeScopes(ctx, ['read:products']), 'rotated key');
  if (!made.key) {
    record(ctx, rule('new-secret'), ops.rotate, noFreshKey(made));
    return undefined;
  }
  const rotated = await call(ctx, rule('new-secret'), 'rotateApiKey', 'rotate the key', {
    pathParams: { id: made.key.id },
  });
  if (!rotated) return undefined;
  const d = data(rotated);
  const fresh = typeof d?.key === 'string' ? d.key : undefined;
  const until = typeof d?.previousKeyExpiresAt === 'string' ? Date.parse(d.previousKeyExpiresAt) : Number.NaN;
  if (rotated.response.status >= 300 || !fresh || Number.isNaN(until)) {
    const message = `rotateApiKey answered ${said(rotated)} without a new key and previousKeyExpiresAt`;
    record(ctx, rule('new-secret'), ops.rotate, fail(message, 'rotate'), rotated);
    return undefined;
  }
  ctx.redactor.add(fresh, '$REGEN_CREATED_KEY');
  return { ctx, ops, old: made.key.key, fresh, until };
}

/** The probe operation with `secret`; errors and "cannot judge" skips are recorded on `on`. */
function useSecret(
  r: Rotation,
  as: keyof typeof RULES,
  secret: string,
  what: string,
  on: OperationSpec = r.ops.rotate,
) {
  return tryCredential(r.ctx, rule(as), asKey(r.ctx, secret), what, on);
}

/** The new secret works at once; the old one keeps working until previousKeyExpiresAt. */
async function bothSecretsWorkDuringTheGrace(r: Rotation): Promise<void> {
  const { ctx, ops } = r;
  const asNew = await useSecret(r, 'new-secret', r.fresh, 'use the new secret at once');
  if (asNew)
    record(
      ctx,
      rule('new-secret'),
      ops.rotate,
      asNew.response.status < 300
        ? PASS
        : fail(
            `the new secret was answered ${said(asNew)} right after the rotation, expected to work at once`,
            'new-refused',
          ),
      asNew,
    );
  const asOld = await useSecret(r, 'grace', r.old, 'use the old secret within the grace');
  const stillInGrace = Date.now() < r.until - 500;
  if (asOld && !stillInGrace)
    record(ctx, rule('grace'), ops.rotate, skip('the grace ended before the old secret could be tried'));
  if (asOld && stillInGrace)
    record(
      ctx,
      rule('grace'),
      ops.rotate,
      asOld.response.status < 300
        ? PASS
        : fail(
            `the old secret was answered ${said(asOld)} before previousKeyExpiresAt (${new Date(r.until).toISOString()}), expected to keep working`,
            'old-refused-early',
          ),
      asOld,
    );
}

/** After previousKeyExpiresAt (waited out within --max-wait) the old secret is refused, the new one works. */
async function oldSecretIsRefusedAfterTheGrace(r: Rotation, settings: SemanticSettings): Promise<void> {
  const { ctx, ops } = r;
  const graceMs = r.until - Date.now();
  if (graceMs + 1500 > settings.maxWaitMs) {
    const reason = `the grace lasts ${Math.round(graceMs / 1000)} s more, over --max-wait ${Math.round(settings.maxWaitMs / 1000)} s: that the old secret is refused after previousKeyExpiresAt was not verified`;
    return record(ctx, rule('expiry'), ops.use, skip(reason));
  }
  await wait(ctx, graceMs + 1500);
  const late = await useSecret(r, 'expiry', r.old, 'use the old secret after previousKeyExpiresAt', ops.use);
  if (!late) return;
  record(
    ctx,
    rule('expiry'),
    ops.use,
    refused401(late, 'invalid_api_key')
      ? PASS
      : fail(
          `the old secret was answered ${said(late)} after previousKeyExpiresAt, expected 401 invalid_api_key`,
          'old-accepted-late',
        ),
    late,
  );
  const newLate = await useSecret(r, 'new-secret', r.fresh, 'use the new secret after the grace');
  if (newLate)
    record(
      ctx,
      rule('new-secret'),
      ops.rotate,
      newLate.response.status < 300
        ? PASS
        : fail(`the new secret was answered ${said(newLate)} after the grace`, 'new-refused'),
      newLate,
    );
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const rotate = requireOp(ctx, 'rotateApiKey');
  const ops = { rotate, use: probeOperation(ctx) ?? rotate };
  const rotation = await rotateAFreshKey(ctx, ops);
  if (!rotation) return;
  await bothSecretsWorkDuringTheGrace(rotation);
  await oldSecretIsRefusedAfterTheGrace(rotation, settings);
}

export const rotationGrace = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['rotateApiKey', 'getCurrentUser'],
  rules: RULES,
  description:
    'After a rotation the new secret works at once, the old one until previousKeyExpiresAt and not after (401 invalid_api_key); a grace over --max-wait leaves the second half skipped.',
  clause:
    '"API keys": rotation keeps the old key valid for 5 minutes; rotateApiKey: the previous secret works until previousKeyExpiresAt',
  run,
  profiles: { prism: [{ reason: 'Prism keeps no keys: an old secret is never refused' }] },
});
