/**
 * The runtime index of the contract's operations (method, path, auth, scopes,
 * idempotency, statuses), generated from `openapi/`. Servers route with it, the client and
 * the conformance runner read it; it is data only.
 *
 * @module
 */

export { CONTRACT_SHA256 } from './generated/contract-hash.ts';
export { type OperationId, operationIndex } from './generated/operations.ts';

import type { OperationId, operationIndex } from './generated/operations.ts';

/** What the index records of one operation. */
export type OperationInfo = (typeof operationIndex)[OperationId];
