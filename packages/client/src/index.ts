/**
 * `@regen/client`: the typed client of the Regen API.
 *
 * Left out on purpose: OAuth PKCE helpers (`@regen/client/oauth`), webhook signature checks
 * (`@regen/client/webhooks`) and zod response validation (`@regen/client/validation`) live on
 * their own entry points so they cost nothing when unused; `internal/` is never exported, not even
 * a type. One family of type helpers is public, keyed by operationId (`Body<'createOrder'>`,
 * `Data<'getOrder'>`, …); the path-keyed helpers behind `client.GET/POST/…` stay in
 * `core/typed-paths.ts`.
 *
 * @module
 */

export { APIPromise, type WithResponse } from './core/api-promise.ts';
export { type ClientPaths, RegenClient } from './core/client.ts';
export type {
  ApiKeyCredential,
  BackoffOptions,
  ClientCredentialsGrant,
  ClientOptions,
  CommonClientOptions,
  LoginOptions,
  SessionCredential,
} from './core/client-options.ts';
export type { HttpTransport, TransportRequest, TransportResponse } from './core/http-transport.ts';
export type { Logger, LogLevel } from './core/logger.ts';
export type {
  Body,
  BodyInput,
  Data,
  Item,
  OperationId,
  Query,
  SuccessBody,
} from './core/operation-types.ts';
export { type ListEnvelope, Page, PagePromise } from './core/pagination.ts';
export type { RateLimit } from './core/rate-limit.ts';
export type { RequestOptions } from './core/request-options.ts';
export type { ResponseValidator } from './core/response-validator.ts';
export type { TokenSet } from './core/tokens.ts';
export type { DeepReadonly, HttpMethod } from './core/typed-paths.ts';
export { APIConnectionError } from './errors/APIConnectionError.ts';
export { APIConnectionTimeoutError } from './errors/APIConnectionTimeoutError.ts';
export { APIError, type APIErrorInit, type ErrorCode, type ErrorDetail } from './errors/APIError.ts';
export { APIUserAbortError } from './errors/APIUserAbortError.ts';
export { AuthenticationError } from './errors/AuthenticationError.ts';
export { BadRequestError } from './errors/BadRequestError.ts';
export { ConflictError } from './errors/ConflictError.ts';
export { InternalServerError } from './errors/InternalServerError.ts';
export { NotFoundError } from './errors/NotFoundError.ts';
export { PermissionDeniedError } from './errors/PermissionDeniedError.ts';
export { RateLimitError } from './errors/RateLimitError.ts';
export { RegenError } from './errors/RegenError.ts';
export { UnprocessableEntityError } from './errors/UnprocessableEntityError.ts';

// The namespace classes (Orders, ApiKeys, InventoryAdjustments, …), each by name in this generated list.
export type * from './generated/resource-types.ts';
