/** @module ensure_resource_availability: a resource a create returns can be read right after. */
import { conventionalRead, judgeFollowUpReads, resourceId } from '../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS } from './api.ts';

const name = 'ensure_resource_availability';

/**
 * After a successful create, follows its links (or the `GET /collection/{id}` convention) and
 * expects 2xx naming the same id — what Schemathesis checks through OpenAPI links.
 */
async function readAfterCreate(ctx: CheckContext, create: Exchange): Promise<void> {
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

export const ensureResourceAvailability = defineCheck({
  name,
  phase: 'after-success',
  after: 'create',
  suite: 'schema',
  description: 'A resource returned by a create can be read right after (OpenAPI links, else GET /…/{id}).',
  clause: 'OpenAPI links of each create (else GET /…/{id}): a created resource can be read',
  run: readAfterCreate,
  profiles: {
    prism: [
      { reason: 'Prism is stateless: a read returns the documented example, not the resource just created' },
    ],
  },
});
