/** @module use_after_free: a deleted resource is gone (404) for the requests that read it. */
import type { RunContext } from '../run/context.ts';
import { readAfterDelete } from '../run/linked-requests.ts';
import { judgeFollowUpReads } from './follow-up-reads.ts';
import { type Exchange, fail, PASS } from './types.ts';

export const name = 'use_after_free';

/** After a successful delete, reads the resource again (links, else the GET on the same path); expects 404 or 410. */
export async function useAfterFree(ctx: RunContext, del: Exchange): Promise<void> {
  await judgeFollowUpReads(
    ctx,
    name,
    del,
    readAfterDelete,
    'no link and no GET on the deleted path',
    (read, answer) => {
      const { status } = answer.response;
      if (status === 404 || status === 410) return PASS;
      const what = status < 300 ? 'is still readable' : 'is not reported gone';
      return fail(
        `Deleted resource ${what}: ${read.target.operationId} (${read.via}) answered ${status}, expected 404`,
      );
    },
  );
}
