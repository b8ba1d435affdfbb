/** @module The loop both stateful checks share: after a create or delete, send the reads that follow it. */
import { deriveSeed } from '../generate/seed.ts';
import type { ApiSpec } from '../spec/types.ts';
import type { CheckContext } from './context.ts';
import type { Exchange } from './exchange.ts';
import { type LinkedRequest, linkedReads } from './linked-requests.ts';
import { notApplicable, type Verdict } from './verdict.ts';

/**
 * Follows `trigger`'s OpenAPI links (else the `fallback` read, when there is no link), sends
 * each read, and records what `judge` says of its answer under `check`.
 */
export async function judgeFollowUpReads(
  ctx: CheckContext,
  check: string,
  trigger: Exchange,
  fallback: (spec: ApiSpec, trigger: Exchange) => LinkedRequest | undefined,
  noReadReason: string,
  judge: (read: LinkedRequest, answer: Exchange) => Verdict,
): Promise<void> {
  const op = trigger.operation;
  if (!op || !ctx.judges(check, op) || trigger.response.status >= 300) return;
  const reads = linkedReads(ctx.spec, trigger);
  const conventional = reads.length === 0 ? fallback(ctx.spec, trigger) : undefined;
  if (conventional) reads.push(conventional);
  if (reads.length === 0) {
    ctx.recorder.record(check, op, notApplicable(noReadReason));
    return;
  }
  for (const read of reads) {
    const sent = await ctx.send(
      read.target,
      read.testCase,
      'stateful',
      deriveSeed(ctx.settings.seed, op.operationId, check),
    );
    if (!sent.ok) ctx.recorder.error(check, op, sent.reason);
    else ctx.recorder.record(check, op, judge(read, sent.exchange), sent.exchange);
  }
}
