/**
 * @module `@regen/stub`: the reference server of the Regen API. `startStub(options)` runs it
 * in-process (tests); the `regen-stub` bin runs it from the command line.
 *
 * Left out on purpose: the handlers, the store and the HTTP pipeline are internal; the
 * contract's types come from `@regen/contract`.
 */

export type { Violation } from './app/dispatch.ts';
export { JWT_AUDIENCE, JWT_ISSUER, type StubServer, startStub } from './app/start.ts';
export type { ChaosRates, FaultKind } from './config/chaos-rates.ts';
export type { OAuthClientOption, StubOptions } from './config/options.ts';
export type { RateLimits, WindowLimit } from './config/rate-limits.ts';
export type { LogLevel, LogSink } from './log/logger.ts';
export { pkceChallenge } from './oauth/pkce.ts';
export type { DeliveryAttempt } from './webhooks/dispatcher.ts';
export { signWebhook, verifyWebhookSignature } from './webhooks/sign.ts';
