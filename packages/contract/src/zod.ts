/**
 * Zod (v4) schemas generated from the contract by @hey-api/openapi-ts: one per
 * component schema (`zOrder`) and per operation (`zCreateOrderBody`, `zGetOrderResponse`).
 * `responseSchemas` maps each operationId to the schema of its success body.
 * A separate entry point, so importing the types costs nothing at run time.
 *
 * @module
 */
// Every generated schema is public, so the star export leaks nothing internal.
export * from './generated/zod.gen.ts';
export { responseSchemas } from './generated/zod-responses.ts';
