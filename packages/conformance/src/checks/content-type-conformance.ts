/** @module content_type_conformance: the Content-Type is one documented for the status. */
import { bareMediaType, mediaTypeFor, responseFor } from '../spec/lookup.ts';
import { answeredByPrism, PRISM_OWN_ERRORS } from '../support/prism.ts';
import { defineCheck, fail, notApplicable, PASS } from './api.ts';

/**
 * Fails when a response whose status documents content has no `Content-Type`, or one not
 * covered by a documented media type (ranges like `application/*` count, RFC 9110 §8.3).
 */
export const contentTypeConformance = defineCheck({
  name: 'content_type_conformance',
  phase: 'response',
  suite: 'schema',
  description: 'The Content-Type of every response is documented for its status.',
  evaluate(exchange) {
    const op = exchange.operation;
    if (!op) return undefined;
    const documented = responseFor(op, exchange.response.status);
    if (!documented) return undefined;
    if (documented.content.length === 0)
      return notApplicable(`no content documented for ${documented.status}`);
    const contentType = exchange.response.headers['content-type'];
    const listed = documented.content.map((m) => m.contentType).join(', ');
    if (!contentType)
      return fail(`Missing Content-Type for ${exchange.response.status} (documented: ${listed})`);
    if (mediaTypeFor(documented, contentType)) return PASS;
    return fail(
      `Undocumented Content-Type ${bareMediaType(contentType)} for ${exchange.response.status} (documented: ${listed})`,
    );
  },
  clause: "OpenAPI document: each response's `content` media types",
  profiles: { prism: [{ reason: PRISM_OWN_ERRORS, when: answeredByPrism }] },
});
