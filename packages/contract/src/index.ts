/**
 * Types of the Regen API, generated from the contract: `paths`, `components`,
 * `operations`, `webhooks`, and one named alias per schema (`Order`, `ApiKey`, `Scope`, …).
 *
 * Types only: importing this entry costs nothing at run time. Runtime data lives on
 * subpaths: `@regen/contract/zod`, `/operations`, `/scopes`, `/openapi.json`.
 *
 * @module
 */
export type * from './generated/openapi-types.ts';
export type { OperationId, OperationInfo } from './operations.ts';
