/**
 * @module Built-in profiles: exemptions for targets that by design cannot pass some checks.
 * Each exemption says why; anything else they get wrong still fails the run.
 */
import type { CheckName } from '../checks/types.ts';
import type { Failure } from '../report/types.ts';
import type { Exemption } from './exemptions.ts';

/**
 * Whether Prism wrote the response itself instead of serving the contract: its request
 * validation (`application/problem+json`, type `https://stoplight.io/prism/errors#…`) or its
 * JSON body parser (`{"error":{"code":"invalid_json"}}`, a code the contract does not have).
 */
export function answeredByPrism(failure: Failure): boolean {
  const body = failure.response?.body ?? '';
  return body.includes('https://stoplight.io/prism/errors#') || /"code"\s*:\s*"invalid_json"/.test(body);
}

const PRISM_OWN_ERRORS =
  "Prism answers invalid requests itself (422/400/406 problem+json, or its body parser's 400), without the contract's envelope, rate-limit headers or documented status; see toolchain notes";

const RESPONSE_CHECKS: readonly CheckName[] = [
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
];

const prism: readonly Exemption[] = [
  ...RESPONSE_CHECKS.map((check) => ({
    check,
    operation: '*',
    reason: PRISM_OWN_ERRORS,
    when: answeredByPrism,
  })),
  {
    check: 'ignored_auth',
    variant: 'invalid-api-key',
    operation: '*',
    reason: 'Prism only checks that a credential is present; any key value passes (toolchain notes)',
  },
  {
    check: 'ignored_auth',
    variant: 'invalid-bearer',
    operation: '*',
    reason: 'Prism only checks that a credential is present; any bearer token passes (toolchain notes)',
  },
  {
    check: 'unsupported_method',
    variant: 'missing-allow',
    operation: '*',
    reason: 'Prism answers 405 without an Allow header (toolchain notes)',
  },
  {
    check: 'use_after_free',
    operation: '*',
    reason: 'Prism is stateless: a deleted resource is still served from the documented example',
  },
  {
    check: 'ensure_resource_availability',
    operation: '*',
    reason: 'Prism is stateless: a read returns the documented example, not the resource just created',
  },
  // The security set: what a mock cannot hold (reflected_markup, secret_cacheable and
  // error_echoes_input still judge Prism, and pass).
  {
    check: 'scope_escalation',
    operation: '*',
    reason: 'Prism checks no scopes and keeps no keys: every key operation answers its example',
  },
  {
    check: 'credential_precedence',
    operation: '*',
    reason: 'Prism only checks that a credential is present; any pair of values passes',
  },
  {
    check: 'auth_failure_rate_limit',
    operation: '*',
    reason: 'Prism verifies no password or client secret and limits nothing: a wrong one gets the example',
  },
  {
    check: 'webhook_target_policy',
    operation: '*',
    reason: 'Prism stores no endpoint and checks no target: any valid body gets the example',
  },
  {
    check: 'cors_policy',
    variant: 'foreign-reflected',
    operation: '*',
    reason: 'Prism answers CORS for any origin (its --cors default), not an allow-list',
  },
  // The semantic set: a stateless mock holds none of it.
  ...(
    [
      [
        'key_lifecycle',
        'Prism keeps no keys: a deactivated, deleted or expired key still passes (any credential does)',
      ],
      ['rotation_grace', 'Prism keeps no keys: an old secret is never refused'],
      ['scope_enforcement', 'Prism checks no scopes'],
      ['rate_limit_headers', 'Prism counts nothing: X-RateLimit-* are generated values'],
      ['rate_limit_enforcement', 'Prism limits nothing'],
      ['idempotency', 'Prism stores nothing: no replay, no Idempotent-Replayed'],
      ['session_lifecycle', 'Prism keeps no sessions: tokens are examples, never rotated or revoked'],
      ['oauth_semantics', 'Prism keeps no clients, codes or tokens: every request gets its example'],
      ['pagination_consistency', 'Prism serves the same example page for every cursor'],
      ['webhook_delivery', 'Prism sends no webhooks'],
    ] as const
  ).map(([check, reason]) => ({ check, operation: '*', reason })),
];

/** Known profiles by name. */
export const PROFILES: Readonly<Record<string, readonly Exemption[]>> = { prism };

/** The exemptions of a profile; throws on an unknown name. */
export function profileExemptions(name: string | undefined): readonly Exemption[] {
  if (name === undefined) return [];
  const found = PROFILES[name];
  if (!found) throw new Error(`unknown profile "${name}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return found;
}
