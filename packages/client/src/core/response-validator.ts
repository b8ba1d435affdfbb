/**
 * Checks a 2xx body against the contract and returns the body to resolve with (throwing or
 * warning on a mismatch); `contractValidator()` of `@regen/client/validation` makes one.
 */
export type ResponseValidator = (method: string, path: string, status: number, body: unknown) => unknown;
