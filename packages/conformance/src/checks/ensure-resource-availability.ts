/** @module ensure_resource_availability: a resource a create returns can be read right after. */

import type { RunContext } from '../run/context.ts';
import { conventionalRead, resourceId } from '../run/linked-requests.ts';
import { judgeFollowUpReads } from './follow-up-reads.ts';
import { type Exchange, fail, PASS } from './types.ts';

export const name = 'ensure_resource_availability';

/**
 * After a successful create, follows its links (or the `GET /collection/{id}` convention) and
 * expects 2xx naming the same id — what Schemathesis checks through OpenAPI links.
 */
export async function ensureResourceAvailability(ctx: RunContext, create: Exchange): Promise<void> {
  const created = resourceId(create.json);
  const createdBy = create.operation?.operationId;
  await judgeFollowUpReads(
    ctx,
    name,
    create,
    conventionalRead,
    'no link and no GET /…/{id} to read the created resource',
    (read, answer) => {
      const { status } = answer.response;
      if (status < 200 || status >= 300) {
        return fail(
          `Created ${created ?? 'resource'} with ${createdBy}, but ${read.target.operationId} (${read.via}) answered ${status}`,
        );
      }
      const readId = resourceId(answer.json);
      if (created && readId && readId !== created) {
        return fail(`Created ${created}, but ${read.target.operationId} returned ${readId}`);
      }
      return PASS;
    },
  );
}
