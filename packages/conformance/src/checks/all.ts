/**
 * @module Every built-in check, in run order within each phase. Adding a check: its file, and
 * one line here. Names, descriptions, suites, `--help`, reports and the README's check index
 * all come from this list.
 */
import { contentTypeConformance } from './content-type-conformance.ts';
import { ensureResourceAvailability } from './ensure-resource-availability.ts';
import { ignoredAuth } from './ignored-auth.ts';
import { missingRequiredHeader } from './missing-required-header.ts';
import { negativeDataRejection } from './negative-data-rejection.ts';
import { notAServerError } from './not-a-server-error.ts';
import { positiveDataAcceptance } from './positive-data-acceptance.ts';
import { responseHeadersConformance } from './response-headers-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { authFailureRateLimit } from './security/auth-failure-rate-limit.ts';
import { corsPolicy } from './security/cors-policy.ts';
import { credentialPrecedence } from './security/credential-precedence.ts';
import { errorEchoesInput } from './security/error-echoes-input.ts';
import { jwtClaims } from './security/jwt-claims.ts';
import { reflectedMarkup } from './security/reflected-markup.ts';
import { scopeEscalation } from './security/scope-escalation.ts';
import { secretCacheable } from './security/secret-cacheable.ts';
import { webhookTargetPolicy } from './security/webhook-target-policy.ts';
import { idempotency } from './semantics/idempotency.ts';
import { keyLifecycle } from './semantics/key-lifecycle.ts';
import { oauthSemantics } from './semantics/oauth-semantics.ts';
import { paginationConsistency } from './semantics/pagination-consistency.ts';
import { rateLimitEnforcement } from './semantics/rate-limit-enforcement.ts';
import { rateLimitHeaders } from './semantics/rate-limit-headers.ts';
import { rotationGrace } from './semantics/rotation-grace.ts';
import { scopeEnforcement } from './semantics/scope-enforcement.ts';
import { sessionLifecycle } from './semantics/session-lifecycle.ts';
import { tenantIsolation } from './semantics/tenant-isolation.ts';
import { webhookDelivery } from './semantics/webhook-delivery.ts';
import { statusCodeConformance } from './status-code-conformance.ts';
import { unsupportedMethod } from './unsupported-method.ts';
import { useAfterFree } from './use-after-free.ts';

export const ALL_CHECKS = [
  notAServerError,
  statusCodeConformance,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  positiveDataAcceptance,
  negativeDataRejection,
  ignoredAuth,
  missingRequiredHeader,
  unsupportedMethod,
  ensureResourceAvailability,
  useAfterFree,
  // The security set (`--suite security`): auth_failure_rate_limit runs last (after clean-up).
  scopeEscalation,
  reflectedMarkup,
  secretCacheable,
  errorEchoesInput,
  jwtClaims,
  corsPolicy,
  credentialPrecedence,
  webhookTargetPolicy,
  authFailureRateLimit,
  // The semantic set (`--suite semantics`): pagination before the others add keys.
  paginationConsistency,
  keyLifecycle,
  rotationGrace,
  scopeEnforcement,
  rateLimitHeaders,
  rateLimitEnforcement,
  idempotency,
  sessionLifecycle,
  oauthSemantics,
  // Webhooks wait longest.
  webhookDelivery,
  // Last: it lists another account's (or mode's) data; no later check should draw on those ids.
  tenantIsolation,
] as const;
