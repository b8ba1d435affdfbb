/** @module ensure_resource_availability: a resource a create returns can be read right after. */
import { deriveSeed } from '../generate/seed.ts';
import type { RunContext } from '../run/context.ts';
import { conventionalRead, linkedReads, resourceId } from '../run/linked-requests.ts';
import { type Exchange, fail, PASS, skip } from './types.ts';

export const name = 'ensure_resource_availability';

/**
 * After a successful create, follows its links (or the `GET /collection/{id}` convention) and
 * expects 2xx naming the same id — what Schemathesis checks through OpenAPI links.
 */
export async function ensureResourceAvailability(ctx: RunContext, create: Exchange): Promise<void> {
  const op = create.operation;
  if (!op || !ctx.judges(name, op) || create.response.status >= 300) return;
  const reads = linkedReads(ctx.spec, create);
  const fallback = reads.length === 0 ? conventionalRead(ctx.spec, create) : undefined;
  if (fallback) reads.push(fallback);
  if (reads.length === 0) {
    ctx.recorder.record(name, op, skip('no link and no GET /…/{id} to read the created resource'));
    return;
  }
  const created = resourceId(create.json);
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
    const readId = resourceId(sent.exchange.json);
    if (status < 200 || status >= 300) {
      ctx.recorder.record(
        name,
        op,
        fail(
          `Created ${created ?? 'resource'} with ${op.operationId}, but ${read.target.operationId} (${read.via}) answered ${status}`,
        ),
        sent.exchange,
      );
    } else if (created && readId && readId !== created) {
      ctx.recorder.record(
        name,
        op,
        fail(`Created ${created}, but ${read.target.operationId} returned ${readId}`),
        sent.exchange,
      );
    } else {
      ctx.recorder.record(name, op, PASS);
    }
  }
}
