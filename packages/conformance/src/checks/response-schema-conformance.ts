/** @module response_schema_conformance: bodies validate against the documented schema (Ajv, 2020-12). */
import { isJsonMediaType, mediaTypeFor, responseFor } from '../spec/lookup.ts';
import { answeredByPrism, PRISM_OWN_ERRORS } from '../support/prism.ts';
import { defineCheck, fail, notApplicable, PASS } from './api.ts';

const MAX_ERRORS = 5;

/**
 * Validates the body against the schema documented for its status and media type. A status
 * or media type that is not documented is left to the checks that judge those.
 */
export const responseSchemaConformance = defineCheck({
  name: 'response_schema_conformance',
  phase: 'response',
  suite: 'schema',
  description: 'Every response body is valid against the schema documented for its status and media type.',
  evaluate(exchange, env) {
    const op = exchange.operation;
    if (!op) return undefined;
    const documented = responseFor(op, exchange.response.status);
    const contentType = exchange.response.headers['content-type'];
    if (!documented || !contentType) return undefined;
    const media = mediaTypeFor(documented, contentType);
    if (!media) return undefined;
    if (!media.schema)
      return notApplicable(`no schema documented for ${documented.status} ${media.contentType}`);
    if (!isJsonMediaType(contentType)) return notApplicable(`${media.contentType} bodies are not validated`);
    if (exchange.jsonError !== undefined) return fail(`Body is not valid JSON: ${exchange.jsonError}`);
    const result = env.validator.validate(media.schema, exchange.json);
    if (result.valid) return PASS;
    const problems = result.errors.slice(0, MAX_ERRORS).map((e) => `${e.path} ${e.message}`);
    const more = result.errors.length > MAX_ERRORS ? ` (+${result.errors.length - MAX_ERRORS} more)` : '';
    const message = `Body of ${exchange.response.status} violates ${media.schema.pointer}: ${problems.join('; ')}${more}`;
    const seen = new Set<string>();
    const locations = result.errors.flatMap((e) => {
      if (e.location === undefined || seen.has(`${e.keyword} ${e.location}`)) return [];
      seen.add(`${e.keyword} ${e.location}`);
      return [{ pointer: e.location, keyword: e.keyword }];
    });
    return { ...fail(message), ...(locations.length > 0 ? { locations } : {}) };
  },
  clause: "OpenAPI document: each response's schema (JSON Schema 2020-12, formats)",
  profiles: { prism: [{ reason: PRISM_OWN_ERRORS, when: answeredByPrism }] },
});
