/**
 * @module The security set (`--suite security`): what a server must hold against an attacker
 * over plain HTTP (the API description's "Security"). One check per file; `secret_cacheable` judges
 * every response of the run, the others send their own probes after the operations,
 * `auth_failure_rate_limit` last.
 */
import type { RunContext } from '../../run/context.ts';
import type { CheckName } from '../types.ts';
import { authFailureRateLimit } from './auth-failure-rate-limit.ts';
import { corsPolicy } from './cors-policy.ts';
import { credentialPrecedence } from './credential-precedence.ts';
import { errorEchoesInput } from './error-echoes-input.ts';
import { jwtClaims } from './jwt-claims.ts';
import { reflectedMarkup } from './reflected-markup.ts';
import { scopeEscalation } from './scope-escalation.ts';
import { secretCacheable } from './secret-cacheable.ts';
import type { SecurityCheck } from './support.ts';
import { webhookTargetPolicy } from './webhook-target-policy.ts';

export {
  authFailureRateLimit,
  corsPolicy,
  credentialPrecedence,
  errorEchoesInput,
  jwtClaims,
  reflectedMarkup,
  scopeEscalation,
  secretCacheable,
  webhookTargetPolicy,
};

/** The probing checks, in run order. */
export const SECURITY_PROBES: readonly SecurityCheck[] = [
  scopeEscalation,
  reflectedMarkup,
  errorEchoesInput,
  jwtClaims,
  corsPolicy,
  credentialPrecedence,
  webhookTargetPolicy,
  authFailureRateLimit,
];

/** Every check of the set. */
export const SECURITY_CHECK_NAMES: readonly CheckName[] = [
  ...SECURITY_PROBES.map((c) => c.name),
  secretCacheable.name,
];

/** Runs the selected probing checks of one stage (`last`: after clean-up). */
export async function runSecurityChecks(ctx: RunContext, stage: SecurityCheck['stage']): Promise<void> {
  for (const check of SECURITY_PROBES) {
    if (check.stage !== stage || !ctx.settings.checks.has(check.name)) continue;
    await check.run(ctx);
  }
}
