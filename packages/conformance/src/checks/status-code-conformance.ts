/** @module status_code_conformance: every status code is documented for its operation. */
import { responseFor } from '../spec/lookup.ts';
import { fail, PASS, type ResponseCheck } from './types.ts';

/** Fails when a status is neither documented exactly, by range (`4XX`) nor by `default`. */
export const statusCodeConformance: ResponseCheck = {
  name: 'status_code_conformance',
  kind: 'response',
  description: 'Every response status is documented for the operation.',
  evaluate(exchange) {
    const op = exchange.operation;
    if (!op) return undefined;
    const { status } = exchange.response;
    if (responseFor(op, status)) return PASS;
    const documented = op.responses.map((r) => r.status).join(', ');
    return fail(`Undocumented status ${status} for ${op.operationId} (documented: ${documented})`);
  },
};
