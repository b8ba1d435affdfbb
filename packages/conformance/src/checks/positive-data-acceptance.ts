/**
 * @module positive_data_acceptance: schema-valid requests are accepted (2xx/3xx). Ids in them
 * are real (listed or created by the run), so a 404, 409 or 422 with a state error code
 * (`not_found`, `conflict`, …) is tolerated per request — but an operation that accepts none
 * of its valid requests fails.
 */
import { isObject } from '../spec/json-pointer.ts';
import { responseFor } from '../spec/lookup.ts';
import { STATE_CONFLICT } from '../support/state-conflict.ts';
import { defineCheck, fail, PASS, skip } from './api.ts';

/** Statuses a valid request may meet because of server state, not because of its shape. */
const STATE_STATUSES = new Set([404, 409, 422]);
/** Error codes that say the request itself is malformed: never acceptable for valid input. */
const SHAPE_CODES = new Set([
  'validation_error',
  'invalid_request',
  'unsupported_media_type',
  'payload_too_large',
]);

export const positiveDataAcceptance = defineCheck({
  name: 'positive_data_acceptance',
  phase: 'response',
  judges: 'valid-requests',
  suite: 'schema',
  description:
    'Requests valid against the schemas are accepted (2xx); state conflicts on real ids are tolerated.',
  evaluate(exchange) {
    if (exchange.phase !== 'positive' || !exchange.operation) return undefined;
    const { status } = exchange.response;
    if (status < 400) return PASS;
    if (status >= 500 || status === 429) return undefined;
    const error = isObject(exchange.json) && isObject(exchange.json.error) ? exchange.json.error : undefined;
    const code = typeof error?.code === 'string' ? error.code : undefined;
    if (
      STATE_STATUSES.has(status) &&
      responseFor(exchange.operation, status) &&
      !(code && SHAPE_CODES.has(code))
    ) {
      return skip(`${STATE_CONFLICT}: ${status}${code ? ` ${code}` : ''}`);
    }
    const hint = status === 401 || status === 403 ? ' (does the credential hold every scope?)' : '';
    return fail(`Valid request rejected with ${status}${code ? ` ${code}` : ''}${hint}`);
  },
  clause: "OpenAPI document: each operation's parameters and request body (valid input is accepted)",
});
