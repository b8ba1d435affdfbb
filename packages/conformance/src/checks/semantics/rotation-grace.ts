/**
 * @module rotation_grace: after `rotateApiKey` the new secret works at once and the old one
 * keeps working until `previousKeyExpiresAt`, then is refused (401 `invalid_api_key`). The wait
 * is bounded by `--max-wait`: a longer grace verifies the "still valid" half and reports the
 * other skipped with the reason (on `getCurrentUser`, where the old secret is tried).
 */
import {
  asKey,
  call,
  data,
  newKey,
  noFreshKey,
  record,
  refused401,
  requireOp,
  said,
  wait,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, fail, PASS, type SemanticSettings, skip } from '../api.ts';

export const name = 'rotation_grace';

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const rotate = requireOp(ctx, 'rotateApiKey');
  const use = requireOp(ctx, 'getCurrentUser');
  const made = await newKey(ctx, name, ['read:products'], 'rotated key');
  if (!made.key) return record(ctx, name, rotate, noFreshKey(made));
  const old = made.key.key;
  const rotated = await call(ctx, name, 'rotateApiKey', 'rotate the key', {
    pathParams: { id: made.key.id },
  });
  if (!rotated) return;
  const d = data(rotated);
  const fresh = typeof d?.key === 'string' ? d.key : undefined;
  const until = typeof d?.previousKeyExpiresAt === 'string' ? Date.parse(d.previousKeyExpiresAt) : Number.NaN;
  if (rotated.response.status >= 300 || !fresh || Number.isNaN(until)) {
    record(
      ctx,
      name,
      rotate,
      fail(`rotateApiKey answered ${said(rotated)} without a new key and previousKeyExpiresAt`, 'rotate'),
      rotated,
    );
    return;
  }
  ctx.redactor.add(fresh, '$REGEN_CREATED_KEY');
  const asNew = await call(
    ctx,
    name,
    'getCurrentUser',
    'use the new secret at once',
    { auth: asKey(ctx, fresh) },
    rotate,
  );
  if (asNew)
    record(
      ctx,
      name,
      rotate,
      asNew.response.status < 300
        ? PASS
        : fail(
            `the new secret was answered ${said(asNew)} right after the rotation, expected to work at once`,
            'new-refused',
          ),
      asNew,
    );
  const asOld = await call(
    ctx,
    name,
    'getCurrentUser',
    'use the old secret within the grace',
    { auth: asKey(ctx, old) },
    rotate,
  );
  const stillInGrace = Date.now() < until - 500;
  if (asOld && stillInGrace)
    record(
      ctx,
      name,
      rotate,
      asOld.response.status < 300
        ? PASS
        : fail(
            `the old secret was answered ${said(asOld)} before previousKeyExpiresAt (${new Date(until).toISOString()}), expected to keep working`,
            'old-refused-early',
          ),
      asOld,
    );

  const graceMs = until - Date.now();
  if (graceMs + 1500 > settings.maxWaitMs) {
    record(
      ctx,
      name,
      use,
      skip(
        `the grace lasts ${Math.round(graceMs / 1000)} s more, over --max-wait ${Math.round(settings.maxWaitMs / 1000)} s: that the old secret is refused after previousKeyExpiresAt was not verified`,
      ),
    );
    return;
  }
  await wait(ctx, graceMs + 1500);
  const late = await call(ctx, name, 'getCurrentUser', 'use the old secret after previousKeyExpiresAt', {
    auth: asKey(ctx, old),
  });
  if (!late) return;
  record(
    ctx,
    name,
    use,
    refused401(late, 'invalid_api_key')
      ? PASS
      : fail(
          `the old secret was answered ${said(late)} after previousKeyExpiresAt, expected 401 invalid_api_key`,
          'old-accepted-late',
        ),
    late,
  );
  const newLate = await call(
    ctx,
    name,
    'getCurrentUser',
    'use the new secret after the grace',
    { auth: asKey(ctx, fresh) },
    rotate,
  );
  if (newLate)
    record(
      ctx,
      name,
      rotate,
      newLate.response.status < 300
        ? PASS
        : fail(`the new secret was answered ${said(newLate)} after the grace`, 'new-refused'),
      newLate,
    );
}

export const rotationGrace = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['rotateApiKey', 'getCurrentUser'],
  description:
    'After a rotation the new secret works at once, the old one until previousKeyExpiresAt and not after (401 invalid_api_key); a grace over --max-wait leaves the second half skipped.',
  clause:
    '"API keys": rotation keeps the old key valid for 5 minutes; rotateApiKey: the previous secret works until previousKeyExpiresAt',
  run,
  profiles: { prism: [{ reason: 'Prism keeps no keys: an old secret is never refused' }] },
});
