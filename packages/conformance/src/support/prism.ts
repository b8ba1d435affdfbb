/** @module What a Prism mock answers itself, which the response checks' `prism` profile exempts. */

/**
 * Whether Prism wrote the response itself instead of serving the contract: its request
 * validation (`application/problem+json`, type `https://stoplight.io/prism/errors#…`) or its
 * JSON body parser (`{"error":{"code":"invalid_json"}}`, a code the contract does not have).
 */
export function answeredByPrism(failure: { readonly response?: { readonly body: string } }): boolean {
  const body = failure.response?.body ?? '';
  return body.includes('https://stoplight.io/prism/errors#') || /"code"\s*:\s*"invalid_json"/.test(body);
}

export const PRISM_OWN_ERRORS =
  "Prism answers invalid requests itself (422/400/406 problem+json, or its body parser's 400), without the contract's envelope, rate-limit headers or documented status; see toolchain notes";
