/**
 * @module cors_policy: a foreign `Origin` is not granted (its value is not reflected in
 * `Access-Control-Allow-Origin`, and no `*`), on an authenticated read and on a preflight of
 * the token endpoint; a loopback origin (any port) is (the contract's CORS policy, "Security").
 * The read is the probe operation (support/probe-operation.ts): a 404 from it means the server
 * does not serve it — "cannot judge", never a verdict on its CORS headers.
 */
import type { OperationSpec } from '../../spec/types.ts';
import { bareCase, nonce, operation, probe, probeNotServed, probeOperation } from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, type Verdict } from '../api.ts';

export const name = 'cors_policy';

interface Probe {
  readonly op: OperationSpec;
  /** `actual`: the operation itself with an Origin; `preflight`: OPTIONS on its path. */
  readonly kind: 'actual' | 'preflight';
}

/**
 * The probe operation with an Origin, and a preflight of the token endpoint (else login) when
 * selected — else of the probe operation, so a run that selects neither still judges a preflight.
 */
function probes(ctx: CheckContext): Probe[] {
  const out: Probe[] = [];
  const read = probeOperation(ctx);
  if (read) out.push({ op: read, kind: 'actual' });
  const token = [operation(ctx, 'createOAuthToken'), operation(ctx, 'login')].find(
    (op) => op && ctx.judges(name, op),
  );
  const preflighted = token ?? read;
  if (preflighted) out.push({ op: preflighted, kind: 'preflight' });
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

/** The verdict on a foreign origin's answer: neither reflected nor `*`. */
function foreignVerdict(what: string, foreign: string, exchange: Exchange): Verdict {
  const allowed = exchange.response.headers['access-control-allow-origin'];
  if (allowed === foreign)
    return fail(
      `${what} from the foreign origin ${foreign} was granted: Access-Control-Allow-Origin reflects it`,
      'foreign-reflected',
    );
  if (allowed?.trim() === '*')
    return fail(`${what} from a foreign origin was granted: Access-Control-Allow-Origin: *`, 'wildcard');
  return PASS;
}

/** The verdict on a loopback origin's answer: granted (itself or `*`). */
function loopbackVerdict(what: string, origin: string, exchange: Exchange): Verdict {
  const allowed = exchange.response.headers['access-control-allow-origin'];
  return allowed === origin || allowed === '*'
    ? PASS
    : fail(
        `${what} from the loopback origin ${origin} was not granted (Access-Control-Allow-Origin: ${allowed ?? 'absent'})`,
        'loopback-refused',
      );
}

async function run(ctx: CheckContext): Promise<void> {
  const port = 1024 + (Number.parseInt(nonce(ctx, 4, name, 'port').replace(/\D/g, '') || '0', 10) % 60_000);
  const foreign = `https://conformance-${nonce(ctx, 8, name, 'origin').toLowerCase()}.example`;
  const origins = [
    { origin: foreign, judge: foreignVerdict },
    ...[`http://127.0.0.1:${port}`, `http://localhost:${port + 1}`].map((origin) => ({
      origin,
      judge: loopbackVerdict,
    })),
  ];
  // Operations whose actual request answered 404: the server does not serve them.
  const unserved = new Set<OperationSpec>();
  for (const p of probes(ctx)) {
    if (!ctx.judges(name, p.op) || unserved.has(p.op)) continue;
    const what =
      p.kind === 'preflight' ? `a preflight of ${p.op.method} ${p.op.path}` : `${p.op.operationId}`;
    for (const { origin, judge } of origins) {
      const answer = await send(ctx, p, origin);
      if (!answer) continue;
      // A 404 from the probe operation says nothing about CORS: the server does not serve it.
      if (p.kind === 'actual' && answer.response.status === 404) {
        ctx.recorder.record(name, p.op, probeNotServed(p.op, `${what} from ${origin}`), answer);
        unserved.add(p.op);
        break;
      }
      ctx.recorder.record(name, p.op, judge(what, origin, answer), answer);
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
