/**
 * `@regen/contract/http`: how the contract's HTTP headers are read, in one place for the
 * client and the conformance runner: the wait a 429 or 503 asks for (`Retry-After`,
 * `X-RateLimit-Reset`; openapi/README.md, "Rate limits") and which headers and values are
 * credentials to keep out of logs and reports. Web standards only, no dependencies.
 *
 * @module
 */
export { CREDENTIAL_HEADERS, REDACTED, redactHeaders, redactSecrets } from './http/redact.ts';
export { type HeaderReader, resetToEpochMs, serverRetryDelayMs } from './http/retry-after.ts';
