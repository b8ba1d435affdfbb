/** @module status_code_conformance: every status code is documented for its operation. */
import { responseFor } from '../spec/lookup.ts';
import { answeredByPrism, PRISM_OWN_ERRORS } from '../support/prism.ts';
import { defineCheck, fail, PASS } from './api.ts';

/** Fails when a status is neither documented exactly, by range (`4XX`) nor by `default`. */
export const statusCodeConformance = defineCheck({
  name: 'status_code_conformance',
  phase: 'response',
  suite: 'schema',
  description: 'Every response status is documented for the operation.',
  evaluate(exchange) {
    const op = exchange.operation;
    if (!op) return undefined;
    const { status } = exchange.response;
    if (responseFor(op, status)) return PASS;
    const documented = op.responses.map((r) => r.status).join(', ');
    return fail(`Undocumented status ${status} for ${op.operationId} (documented: ${documented})`);
  },
  clause: "OpenAPI document: each operation's `responses` (status codes, ranges, `default`)",
  profiles: { prism: [{ reason: PRISM_OWN_ERRORS, when: answeredByPrism }] },
});
