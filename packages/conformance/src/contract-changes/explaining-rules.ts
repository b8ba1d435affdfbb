/**
 * @module Which contract changes can make which check fail, and how a change is matched to one
 * failure. The runner acts as a client of the checked contract: a change to what a check
 * compares explains its failure; a change to anything else does not.
 */

/**
 * How a change is tied to a failure, beyond being on the failing operation:
 * - `locations`: a change at, above or below a place the failure found broken (the schema
 *   keywords response_schema_conformance reports, in the checked contract; the same place in the
 *   server's contract for what only it has, such as an added property);
 * - `status`: a response status the server's contract added, which the failing response carries;
 * - `path`: an operation added on the path the check probed (undocumented methods);
 * - `request`: a change to a part of the request the failing request carried — a parameter by
 *   `name` and `in`, or the body — or, for a part made required or optional, left out;
 * - `operation`: any change of these rules on the operation (its failure names no narrower place).
 */
export type MatchBy = 'locations' | 'status' | 'path' | 'request' | 'operation';

/** The rules that can explain a check's failures, and how they are matched. */
export interface Explanation {
  readonly rules: readonly string[];
  readonly by: MatchBy;
}

/** A removed operation explains any failure on it: the server no longer serves what is checked. */
export const OPERATION_GONE: readonly string[] = ['operation-removed', 'operation-removed-after-deprecation'];

/** A body the server sends that the checked schema refuses. */
const RESPONSE_BODY = [
  'response-property-removed',
  'response-property-became-optional',
  'response-property-became-nullable',
  'response-type-changed',
  'response-enum-widened',
  'response-variant-added',
  // Refused only by a closed schema (additionalProperties or unevaluatedProperties false).
  'response-property-added',
];

/** A request valid under the checked contract that the server's refuses. */
const REQUEST_NARROWED = [
  'parameter-added-required',
  'parameter-became-required',
  'request-body-became-required',
  'request-property-became-required',
  'request-property-added-required',
  'request-property-removed',
  'request-type-narrowed',
  'request-format-narrowed',
  'request-pattern-narrowed',
  'request-enum-narrowed',
  'request-length-narrowed',
  'request-range-narrowed',
  'request-variant-removed',
  'request-media-type-removed',
  'security-scope-added',
  'security-requirement-added',
];

/** A request invalid under the checked contract that the server's accepts. */
const REQUEST_WIDENED = [
  'parameter-removed',
  'parameter-removed-after-deprecation',
  'parameter-became-optional',
  'request-body-became-optional',
  'request-property-became-optional',
  // An unknown property of a closed schema, known to the server's.
  'request-property-added-optional',
  'request-type-widened',
  'request-enum-widened',
  'request-constraint-relaxed',
  'request-variant-added',
  'request-media-type-added',
];

/**
 * Per check. A check not listed (server errors, the security probes and scenarios) has no change
 * that explains it but a removed operation: regen-diff does not compare behaviour, and a 5xx is
 * never a contract's doing.
 */
export const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  response_schema_conformance: { rules: RESPONSE_BODY, by: 'locations' },
  status_code_conformance: { rules: ['response-status-added'], by: 'status' },
  content_type_conformance: {
    rules: ['response-media-type-added', 'response-media-type-removed'],
    by: 'operation',
  },
  positive_data_acceptance: { rules: REQUEST_NARROWED, by: 'request' },
  negative_data_rejection: { rules: REQUEST_WIDENED, by: 'request' },
  missing_required_header: {
    rules: [
      'parameter-became-optional',
      'parameter-removed',
      'parameter-removed-after-deprecation',
      'request-body-became-optional',
    ],
    by: 'request',
  },
  unsupported_method: { rules: ['operation-added'], by: 'path' },
  // A header the checked contract promises that the server's no longer does (on this operation).
  response_headers_conformance: {
    rules: ['response-header-removed', 'response-header-became-optional', 'response-optional-header-removed'],
    by: 'operation',
  },
  scope_enforcement: { rules: ['security-scope-added', 'security-scope-removed'], by: 'operation' },
};
