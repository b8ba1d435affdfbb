/** @module not_a_server_error: no request, valid or not, may make the server fail (5xx). */
import { defineCheck, fail, PASS } from './api.ts';

/** Fails on any 5xx (RFC 9110 §15.6), documented or not: a 5xx is never a conforming answer to a test. */
export const notAServerError = defineCheck({
  name: 'not_a_server_error',
  phase: 'response',
  suite: 'schema',
  description: 'No response is a server error (5xx).',
  evaluate(exchange) {
    const { status } = exchange.response;
    return status >= 500
      ? fail(`Server error: ${status} ${exchange.response.bodyText.slice(0, 200)}`.trim())
      : PASS;
  },
  clause: 'OpenAPI document: no documented response is a 5xx for a request the server can judge',
});
