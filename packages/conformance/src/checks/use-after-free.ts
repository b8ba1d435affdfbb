/** @module use_after_free: a deleted resource is gone (404) for the requests that read it. */
import { deriveSeed } from '../generate/seed.ts';
import type { RunContext } from '../run/context.ts';
import { linkedReads, readAfterDelete } from '../run/linked-requests.ts';
import { type Exchange, fail, PASS, skip } from './types.ts';

export const name = 'use_after_free';

/** After a successful delete, reads the resource again (links, else the GET on the same path); expects 404 or 410. */
export async function useAfterFree(ctx: RunContext, del: Exchange): Promise<void> {
  const op = del.operation;
  if (!op || !ctx.judges(name, op) || del.response.status >= 300) return;
  const reads = linkedReads(ctx.spec, del);
  const fallback = reads.length === 0 ? readAfterDelete(ctx.spec, del) : undefined;
  if (fallback) reads.push(fallback);
  if (reads.length === 0) {
    ctx.recorder.record(name, op, skip('no link and no GET on the deleted path'));
    return;
  }
  for (const read of reads) {
    const sent = await ctx.send(
      read.target,
      read.testCase,
      'stateful',
      deriveSeed(ctx.settings.seed, op.operationId, name),
    );
    if (!sent.ok) {
      ctx.recorder.error(name, op, sent.reason);
      continue;
    }
    const { status } = sent.exchange.response;
    if (status === 404 || status === 410) ctx.recorder.record(name, op, PASS);
    else {
      const what = status < 300 ? 'is still readable' : 'is not reported gone';
      ctx.recorder.record(
        name,
        op,
        fail(
          `Deleted resource ${what}: ${read.target.operationId} (${read.via}) answered ${status}, expected 404`,
        ),
        sent.exchange,
      );
    }
  }
}
