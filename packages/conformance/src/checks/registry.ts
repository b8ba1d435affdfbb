/** @module Every check, with what it catches; the CLI's `--checks` names come from here. */
import { contentTypeConformance } from './content-type-conformance.ts';
import { negativeDataRejection } from './negative-data-rejection.ts';
import { notAServerError } from './not-a-server-error.ts';
import { positiveDataAcceptance } from './positive-data-acceptance.ts';
import { responseHeadersConformance } from './response-headers-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import {
  authFailureRateLimit,
  corsPolicy,
  credentialPrecedence,
  errorEchoesInput,
  jwtClaims,
  reflectedMarkup,
  SECURITY_CHECK_NAMES,
  scopeEscalation,
  secretCacheable,
  webhookTargetPolicy,
} from './security/index.ts';
import {
  idempotency,
  keyLifecycle,
  oauthSemantics,
  paginationConsistency,
  rateLimitEnforcement,
  rateLimitHeaders,
  rotationGrace,
  SEMANTIC_CHECK_NAMES,
  scopeEnforcement,
  sessionLifecycle,
  tenantIsolation,
  webhookDelivery,
} from './semantics/index.ts';
import { statusCodeConformance } from './status-code-conformance.ts';
import { CHECK_NAMES, type CheckName, type ResponseCheck } from './types.ts';

/** Checks that judge every response of a documented operation. */
export const RESPONSE_CHECKS: readonly ResponseCheck[] = [
  notAServerError,
  statusCodeConformance,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  positiveDataAcceptance,
  negativeDataRejection,
  secretCacheable,
];

/** One line per check, for `--help` and the README. */
export const CHECK_DESCRIPTIONS: Readonly<Record<CheckName, string>> = {
  not_a_server_error: notAServerError.description,
  status_code_conformance: statusCodeConformance.description,
  content_type_conformance: contentTypeConformance.description,
  response_headers_conformance: responseHeadersConformance.description,
  response_schema_conformance: responseSchemaConformance.description,
  positive_data_acceptance: positiveDataAcceptance.description,
  negative_data_rejection: negativeDataRejection.description,
  ignored_auth: 'Every operation that requires a credential answers 401 without one and with an invalid one.',
  missing_required_header:
    'Leaving out a required header (or the Content-Type of a required body) is refused with 4xx.',
  unsupported_method:
    'An undocumented method on a documented path is answered 405 with an Allow header listing the documented methods.',
  ensure_resource_availability:
    'A resource returned by a create can be read right after (OpenAPI links, else GET /…/{id}).',
  use_after_free: 'A deleted resource reads as 404 afterwards.',
  scope_escalation: scopeEscalation.description,
  reflected_markup: reflectedMarkup.description,
  secret_cacheable: secretCacheable.description,
  error_echoes_input: errorEchoesInput.description,
  jwt_claims: jwtClaims.description,
  cors_policy: corsPolicy.description,
  credential_precedence: credentialPrecedence.description,
  webhook_target_policy: webhookTargetPolicy.description,
  auth_failure_rate_limit: authFailureRateLimit.description,
  key_lifecycle: keyLifecycle.description,
  rotation_grace: rotationGrace.description,
  scope_enforcement: scopeEnforcement.description,
  rate_limit_headers: rateLimitHeaders.description,
  rate_limit_enforcement: rateLimitEnforcement.description,
  idempotency: idempotency.description,
  session_lifecycle: sessionLifecycle.description,
  oauth_semantics: oauthSemantics.description,
  pagination_consistency: paginationConsistency.description,
  webhook_delivery: webhookDelivery.description,
  tenant_isolation: tenantIsolation.description,
};

/**
 * Named sets of checks (`--suite`): `all` (the default), `schema` (the Schemathesis-level checks),
 * `security` (the contract's "Security" rules) and `semantics` (what the contract says beyond its
 * schemas).
 */
export const SUITES = {
  all: CHECK_NAMES,
  schema: CHECK_NAMES.filter((c) => !SECURITY_CHECK_NAMES.includes(c) && !SEMANTIC_CHECK_NAMES.includes(c)),
  security: SECURITY_CHECK_NAMES,
  semantics: SEMANTIC_CHECK_NAMES,
} as const satisfies Record<string, readonly CheckName[]>;

/** The name of a suite. */
export type SuiteName = keyof typeof SUITES;

/** Validates a suite name from the command line. */
export function parseSuiteName(name: string): SuiteName {
  if (!Object.hasOwn(SUITES, name))
    throw new Error(`unknown suite: ${name} (known: ${Object.keys(SUITES).join(', ')})`);
  return name as SuiteName;
}

/** Validates check names from the command line. */
export function parseCheckNames(names: readonly string[]): CheckName[] {
  const unknown = names.filter((n) => !(CHECK_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(`unknown check(s): ${unknown.join(', ')} (known: ${CHECK_NAMES.join(', ')})`);
  return names as CheckName[];
}

/** The checks a run uses: those of `suite` (default all), narrowed to `only`, minus `excluded`, in canonical order. */
export function selectChecks(
  only: readonly CheckName[] | undefined,
  excluded: readonly CheckName[] | undefined,
  suite: SuiteName = 'all',
): CheckName[] {
  const inSuite: readonly CheckName[] = SUITES[suite];
  return CHECK_NAMES.filter(
    (c) => inSuite.includes(c) && (only === undefined || only.includes(c)) && !(excluded ?? []).includes(c),
  );
}
