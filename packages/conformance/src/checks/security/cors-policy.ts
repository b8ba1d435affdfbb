/**
 * @module cors_policy: a foreign `Origin` is not granted (its value is not reflected in
 * `Access-Control-Allow-Origin`, and no `*`), on an authenticated read and on a preflight of
 * the token endpoint; a loopback origin (any port) is (the contract's CORS policy, "Security").
 */
import type { OperationSpec } from '../../spec/types.ts';
import { bareCase, nonce, operation, probe } from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS } from '../api.ts';

export const name = 'cors_policy';

interface Probe {
  readonly op: OperationSpec;
  /** `actual`: the operation itself with an Origin; `preflight`: OPTIONS on its path. */
  readonly kind: 'actual' | 'preflight';
}

function probes(ctx: CheckContext): Probe[] {
  const out: Probe[] = [];
  const me =
    operation(ctx, 'getCurrentUser') ??
    ctx.spec.operations.find((o) => o.method === 'GET' && o.auth === 'required' && !o.path.includes('{'));
  if (me) out.push({ op: me, kind: 'actual' });
  const token = operation(ctx, 'createOAuthToken') ?? operation(ctx, 'login');
  if (token) out.push({ op: token, kind: 'preflight' });
  return out;
}

async function send(ctx: CheckContext, p: Probe, origin: string): Promise<Exchange | undefined> {
  if (p.kind === 'actual')
    return probe(ctx, name, p.op, bareCase(`cors_policy: Origin ${origin}`, { headers: { Origin: origin } }));
  const sent = await ctx.send(
    undefined,
    bareCase(`cors_policy: preflight from ${origin}`, {
      auth: 'none',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': p.op.method,
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    }),
    'probe',
    ctx.settings.seed,
    'OPTIONS',
    p.op.path,
  );
  if (!sent.ok) {
    ctx.recorder.error(name, p.op, sent.reason);
    return undefined;
  }
  return sent.exchange;
}

async function run(ctx: CheckContext): Promise<void> {
  const port = 1024 + (Number.parseInt(nonce(ctx, 4, name, 'port').replace(/\D/g, '') || '0', 10) % 60_000);
  const foreign = `https://conformance-${nonce(ctx, 8, name, 'origin').toLowerCase()}.example`;
  const loopbacks = [`http://127.0.0.1:${port}`, `http://localhost:${port + 1}`];
  for (const p of probes(ctx)) {
    if (!ctx.judges(name, p.op)) continue;
    const what =
      p.kind === 'preflight' ? `a preflight of ${p.op.method} ${p.op.path}` : `${p.op.operationId}`;
    const hostile = await send(ctx, p, foreign);
    if (hostile) {
      const allowed = hostile.response.headers['access-control-allow-origin'];
      const verdict =
        allowed === foreign
          ? fail(
              `${what} from the foreign origin ${foreign} was granted: Access-Control-Allow-Origin reflects it`,
              'foreign-reflected',
            )
          : allowed?.trim() === '*'
            ? fail(`${what} from a foreign origin was granted: Access-Control-Allow-Origin: *`, 'wildcard')
            : PASS;
      ctx.recorder.record(name, p.op, verdict, hostile);
    }
    for (const origin of loopbacks) {
      const local = await send(ctx, p, origin);
      if (!local) continue;
      const allowed = local.response.headers['access-control-allow-origin'];
      ctx.recorder.record(
        name,
        p.op,
        allowed === origin || allowed === '*'
          ? PASS
          : fail(
              `${what} from the loopback origin ${origin} was not granted (Access-Control-Allow-Origin: ${allowed ?? 'absent'})`,
              'loopback-refused',
            ),
        local,
      );
    }
  }
}

export const corsPolicy = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'probe',
  description:
    'A foreign Origin is not granted (not reflected in Access-Control-Allow-Origin, no *); a loopback origin on any port is.',
  run,
  clause: '"CORS": only allowed origins get `Access-Control-*`; the stub allows loopback on any port',
  profiles: {
    prism: [
      {
        variant: 'foreign-reflected',
        reason: 'Prism answers CORS for any origin (its --cors default), not an allow-list',
      },
    ],
  },
});
