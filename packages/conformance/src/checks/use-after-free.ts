/** @module use_after_free: a deleted resource is gone (404) for the requests that read it. */
import { judgeFollowUpReads, readAfterDelete } from '../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS } from './api.ts';

const name = 'use_after_free';

/** After a successful delete, reads the resource again (links, else the GET on the same path); expects 404 or 410. */
async function readAfterDeleteIsGone(ctx: CheckContext, del: Exchange): Promise<void> {
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

export const useAfterFree = defineCheck({
  name,
  phase: 'after-success',
  after: 'delete',
  suite: 'schema',
  description: 'A deleted resource reads as 404 afterwards.',
  clause: 'Each delete operation: a deleted resource reads as 404/410',
  run: readAfterDeleteIsGone,
  profiles: {
    prism: [{ reason: 'Prism is stateless: a deleted resource is still served from the documented example' }],
  },
});
