/**
 * @module Zod (v4) schemas generated from the contract by @hey-api/openapi-ts: one per
 * component schema (`zOrder`) and per operation (`zCreateOrderBody`, `zGetOrderResponse`).
 * A separate entry point, so importing the types costs nothing at run time.
 */
export * from './generated/zod.gen.ts';
