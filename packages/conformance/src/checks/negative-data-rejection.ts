/** @module negative_data_rejection: requests the schemas forbid are refused with a 4xx. */
import { defineCheck, fail, PASS } from './api.ts';

/**
 * Fails when a schema-invalid request (one mutation of a valid one, confirmed invalid by Ajv)
 * gets a 2xx/3xx. 5xx answers are left to not_a_server_error.
 */
export const negativeDataRejection = defineCheck({
  name: 'negative_data_rejection',
  phase: 'response',
  judges: 'invalid-requests',
  suite: 'schema',
  description:
    'Requests that violate the schemas (wrong type, missing field, out of range, …) are rejected with 4xx.',
  evaluate(exchange) {
    if (exchange.phase !== 'negative' || !exchange.operation) return undefined;
    const { status } = exchange.response;
    if (status >= 400 && status < 500) return PASS;
    if (status >= 500) return undefined;
    return fail(
      `Invalid request accepted with ${status}: ${exchange.testCase?.description ?? 'mutated request'}`,
    );
  },
  clause: "OpenAPI document: each operation's parameters and request body (invalid input is refused)",
});
