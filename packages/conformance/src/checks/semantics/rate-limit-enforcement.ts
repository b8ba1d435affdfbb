/**
 * @module rate_limit_enforcement: with a fresh key, requests sent at once past its remaining
 * budget are refused with 429 and a `Retry-After` of at least the seconds to reset; exactly the
 * budget is admitted; after waiting `Retry-After` (within `--max-wait`) the key works again. The
 * budget is spent on the probe operation (support/probe-operation.ts), where its verdicts go; a
 * 404 from it is "cannot judge".
 */
import type { Case } from '../../generate/case.ts';
import type { OperationSpec } from '../../spec/types.ts';
import {
  asKey,
  bareCase,
  intHeader,
  newKey,
  noFreshKey,
  probeNotServed,
  probeOperation,
  probeScopes,
  record,
  retryAfterSeconds,
  ruleOf,
  said,
  sendAtOnce,
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

export const name = 'rate_limit_enforcement';

const RULES = {
  budget: {
    operation: 'probe',
    description: "requests sent at once past a fresh key's remaining budget: exactly the budget admitted",
  },
  'retry-after': {
    operation: 'probe',
    description: 'each refusal is 429 with a Retry-After of at least the seconds to X-RateLimit-Reset',
  },
  lifts: { operation: 'probe', description: 'after the longest Retry-After the key is admitted again' },
} as const;

const rule = (r: keyof typeof RULES) => ruleOf(name, r);

/** A fresh key of the run's own and its remaining budget (from its first request), or `undefined` (recorded why). */
async function freshKeyBudget(
  ctx: CheckContext,
  op: OperationSpec,
): Promise<{ auth: Case['auth']; budget: number; first: Exchange } | undefined> {
  const made = await newKey(
    ctx,
    rule('budget'),
    probeScopes(ctx, ['read:products']),
    'rate-limit budget key',
  );
  if (!made.key) return void record(ctx, rule('budget'), op, noFreshKey(made));
  const auth = asKey(ctx, made.key.key);
  const [first] = await sendAtOnce(ctx, op, [bareCase(`${name}: read the budget`, { auth })]);
  if (!first?.ok) return void ctx.recorder.error(rule('budget'), op, first?.reason ?? 'no response');
  if (first.exchange.response.status === 404)
    return void record(ctx, rule('budget'), op, probeNotServed(op, 'read the budget'), first.exchange);
  if (first.exchange.response.status >= 300)
    return void ctx.recorder.error(
      rule('budget'),
      op,
      `${op.operationId} with a fresh key answered ${said(first.exchange)}`,
    );
  const budget = intHeader(first.exchange, 'X-RateLimit-Remaining');
  if (budget === undefined)
    return void record(
      ctx,
      rule('budget'),
      op,
      skip('no X-RateLimit-Remaining: the budget is unknown'),
      first.exchange,
    );
  return { auth, budget, first: first.exchange };
}

/** Exactly the remaining budget of a burst is admitted, the rest 429; the 429s, or `undefined` (recorded why). */
async function burstAdmitsExactlyTheBudget(
  ctx: CheckContext,
  op: OperationSpec,
  auth: Case['auth'],
  budget: number,
  extra: number,
): Promise<Exchange[] | undefined> {
  const cases = Array.from({ length: budget + extra }, (_, i) =>
    bareCase(`${name}: request ${i + 1} of ${budget + extra} at once`, { auth }),
  );
  const sent = await sendAtOnce(ctx, op, cases);
  const exchanges = sent.flatMap((s) => (s.ok ? [s.exchange] : []));
  if (exchanges.length < sent.length)
    return void ctx.recorder.error(
      rule('budget'),
      op,
      (sent.find((s) => !s.ok) as { reason: string }).reason,
    );
  const admitted = exchanges.filter((e) => e.response.status < 300);
  const limited = exchanges.filter((e) => e.response.status === 429);
  const other = exchanges.find((e) => e.response.status >= 300 && e.response.status !== 429);
  if (other)
    return void record(
      ctx,
      rule('budget'),
      op,
      fail(`a request within the burst was answered ${said(other)}`, 'other'),
      other,
    );
  if (admitted.length !== budget)
    return void record(
      ctx,
      rule('budget'),
      op,
      fail(
        `${budget + extra} requests at once against a remaining budget of ${budget}: ${admitted.length} admitted, ${limited.length} refused (429); expected exactly ${budget} admitted`,
        admitted.length > budget ? 'overrun' : 'underrun',
      ),
      admitted[admitted.length - 1] ?? limited[0],
    );
  return limited;
}

/** Every 429 carries a valid Retry-After no shorter than X-RateLimit-Reset; the longest, or `undefined` (failure recorded). */
function refusalsSayWhenToRetry(
  ctx: CheckContext,
  op: OperationSpec,
  limited: readonly Exchange[],
): number | undefined {
  let longest = 0;
  for (const e of limited) {
    const after = retryAfterSeconds(e);
    const reset = intHeader(e, 'X-RateLimit-Reset');
    const toReset = reset === undefined ? 0 : reset - Math.floor(Date.now() / 1000);
    if (after === undefined) {
      record(
        ctx,
        rule('retry-after'),
        op,
        fail('a 429 has no valid Retry-After (delta-seconds or an HTTP date)', 'retry-after'),
        e,
      );
      return undefined;
    }
    if (after < toReset - 1) {
      const message = `Retry-After is ${after} s but X-RateLimit-Reset is ${toReset} s away: a client would retry into another 429`;
      record(ctx, rule('retry-after'), op, fail(message, 'retry-after-short'), e);
      return undefined;
    }
    longest = Math.max(longest, after);
  }
  return longest;
}

/** Honouring Retry-After: after it, the key is admitted again (when the wait is within --max-wait). */
async function keyWorksAfterRetryAfter(
  ctx: CheckContext,
  op: OperationSpec,
  auth: Case['auth'],
  longest: number,
  settings: SemanticSettings,
): Promise<void> {
  if (longest * 1000 > settings.maxWaitMs) {
    const reason = `Retry-After ${longest} s is over --max-wait: that the key works again afterwards was not verified`;
    return record(ctx, rule('lifts'), op, skip(reason));
  }
  await wait(ctx, longest * 1000 + 250);
  const [again] = await sendAtOnce(ctx, op, [bareCase(`${name}: after Retry-After`, { auth })]);
  if (again?.ok)
    record(
      ctx,
      rule('lifts'),
      op,
      again.exchange.response.status < 300
        ? PASS
        : fail(
            `after waiting Retry-After (${longest} s) the key was answered ${said(again.exchange)}`,
            'still-limited',
          ),
      again.exchange,
    );
}

/** The probe operation, where the budget is spent (and the only operation reported on). */
function reportsOn(ctx: CheckContext): string[] {
  const op = probeOperation(ctx);
  return op ? [op.operationId] : [];
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const op = probeOperation(ctx);
  if (!op || !ctx.judges(name, op)) return;
  const key = await freshKeyBudget(ctx, op);
  if (!key) return;
  const { auth, budget, first } = key;
  const extra = Math.max(3, Math.ceil(budget / 5));
  if (budget + extra > settings.maxRequests) {
    const reason = `the fresh key's budget is ${budget} requests: spending it needs ${budget + extra}, over --max-requests ${settings.maxRequests}`;
    return record(ctx, rule('budget'), op, skip(reason), first);
  }
  const limited = await burstAdmitsExactlyTheBudget(ctx, op, auth, budget, extra);
  if (!limited) return;
  record(ctx, rule('budget'), op, PASS, limited[0]);
  const longest = refusalsSayWhenToRetry(ctx, op, limited);
  if (longest === undefined) return;
  record(ctx, rule('retry-after'), op, PASS, limited[0]);
  await keyWorksAfterRetryAfter(ctx, op, auth, longest, settings);
}

export const rateLimitEnforcement = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: reportsOn,
  rules: RULES,
  description:
    "A fresh key's requests sent at once past its remaining budget: exactly the budget admitted, the rest 429 with Retry-After ≥ the seconds to reset; admitted again after Retry-After.",
  clause: '"Rate limits": per key; a spent bucket answers 429 with Retry-After (RFC 9110 §10.2.3)',
  run,
  profiles: { prism: [{ reason: 'Prism limits nothing' }] },
});
