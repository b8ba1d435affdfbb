/** @module The shapes every check shares: what it looks at and what it concludes. */
import type { Case } from '../generate/case.ts';
import type { HttpResponse, PreparedRequest } from '../http/types.ts';
import type { ApiSpec, Json, OperationSpec } from '../spec/types.ts';
import type { SpecValidator } from '../spec/validator.ts';

/** The checks, named as Schemathesis names them. */
export const CHECK_NAMES = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'positive_data_acceptance',
  'negative_data_rejection',
  'ignored_auth',
  'missing_required_header',
  'unsupported_method',
  'ensure_resource_availability',
  'use_after_free',
  // The security set (src/checks/security/; `--suite security`).
  'scope_escalation',
  'reflected_markup',
  'secret_cacheable',
  'error_echoes_input',
  'jwt_claims',
  'cors_policy',
  'credential_precedence',
  'webhook_target_policy',
  'auth_failure_rate_limit',
  // The semantic set (src/checks/semantics/; `--suite semantics`).
  'key_lifecycle',
  'rotation_grace',
  'scope_enforcement',
  'rate_limit_headers',
  'rate_limit_enforcement',
  'idempotency',
  'session_lifecycle',
  'oauth_semantics',
  'pagination_consistency',
  'webhook_delivery',
  'tenant_isolation',
] as const;

/** The name of a check. */
export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * Why a request was sent. `exploratory` requests are schema-valid but cannot be semantically
 * valid (a login with generated credentials): all checks but positive_data_acceptance judge them.
 */
export type Phase = 'setup' | 'fixture' | 'positive' | 'exploratory' | 'negative' | 'probe' | 'stateful';

/** One request to the server and its response, as checks see it. */
export interface Exchange {
  /** The documented operation the request targets, if any (not for undocumented methods). */
  readonly operation: OperationSpec | undefined;
  readonly phase: Phase;
  readonly testCase: Case | undefined;
  readonly request: PreparedRequest;
  readonly response: HttpResponse;
  /** The parsed body when it is JSON; `undefined` when absent or not JSON. */
  readonly json: Json | undefined;
  /** Why the body is not JSON although the response says it is. */
  readonly jsonError: string | undefined;
  /** The seed the request was generated with. */
  readonly seed: number;
}

/** A check's conclusion about one exchange (or one probe). */
export type Verdict =
  | { readonly outcome: 'pass' }
  | {
      readonly outcome: 'fail';
      readonly message: string;
      /** A finer name for exemptions, e.g. `invalid-api-key` for ignored_auth. */
      readonly variant?: string;
    }
  | { readonly outcome: 'skip'; readonly reason: string };

/** What checks may read. */
export interface CheckEnvironment {
  readonly spec: ApiSpec;
  readonly validator: SpecValidator;
}

/** A check that judges any response of a documented operation. */
export interface ResponseCheck {
  readonly name: CheckName;
  readonly kind: 'response';
  readonly description: string;
  /** `undefined` when the exchange is not this check's business. */
  evaluate(exchange: Exchange, env: CheckEnvironment): Verdict | undefined;
}

export const PASS: Verdict = { outcome: 'pass' };

/** A failing verdict. */
export function fail(message: string, variant?: string): Verdict {
  return variant === undefined ? { outcome: 'fail', message } : { outcome: 'fail', message, variant };
}

/** A skipped verdict. */
export function skip(reason: string): Verdict {
  return { outcome: 'skip', reason };
}
