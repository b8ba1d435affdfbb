/**
 * @module ignored_auth: every operation that requires a credential answers 401 without one
 * and with an invalid one, for each scheme it accepts (RFC 9110 §15.5.2).
 */
import fc from 'fast-check';
import type { Case } from '../generate/case.ts';
import { deriveSeed } from '../generate/seed.ts';
import { type CheckContext, defineCheck, fail, notApplicable, type OperationPlan, PASS } from './api.ts';

const name = 'ignored_auth';

/** A probe: the credential to send and the name failures are reported under. */
interface Probe {
  readonly variant: string;
  readonly auth: Case['auth'];
}

function probes(plan: OperationPlan, seed: number): Probe[] {
  // Well-formed but unknown: a server must check the value, not just the shape.
  const [fake = 'x'.repeat(32)] = fc.sample(fc.stringMatching(/^[A-Za-z0-9]{32}$/), { seed, numRuns: 1 });
  const out: Probe[] = [{ variant: 'no-credential', auth: 'none' }];
  for (const scheme of plan.op.securitySchemes) {
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.paramName) {
      out.push({ variant: 'invalid-api-key', auth: { headers: { [scheme.paramName]: `rg_live_${fake}` } } });
    }
  }
  if (
    plan.op.securitySchemes.some((s) => (s.type === 'http' && s.scheme === 'bearer') || s.type === 'oauth2')
  ) {
    const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.${fake}`;
    out.push({ variant: 'invalid-bearer', auth: { headers: { Authorization: `Bearer ${jwt}` } } });
  }
  return out;
}

/** Sends `base` (a valid request) with each missing or invalid credential; expects 401 every time. */
async function probeAuth(ctx: CheckContext, plan: OperationPlan, base: Case): Promise<void> {
  const { op } = plan;
  if (!ctx.judges(name, op)) return;
  if (op.auth !== 'required') {
    ctx.recorder.record(
      name,
      op,
      notApplicable(op.auth === 'none' ? 'no credential required' : 'credential optional'),
    );
    return;
  }
  const seed = deriveSeed(ctx.settings.seed, op.operationId, name);
  for (const probe of probes(plan, seed)) {
    const testCase: Case = { ...base, auth: probe.auth, description: `ignored_auth: ${probe.variant}` };
    const sent = await ctx.send(op, testCase, 'probe', seed);
    if (!sent.ok) {
      ctx.recorder.error(name, op, sent.reason);
      continue;
    }
    const { status } = sent.exchange.response;
    ctx.recorder.record(
      name,
      op,
      status === 401 ? PASS : fail(`${probe.variant}: expected 401, got ${status}`, probe.variant),
      sent.exchange,
    );
  }
}

export const ignoredAuth = defineCheck({
  name,
  phase: 'operation',
  suite: 'schema',
  description: 'Every operation that requires a credential answers 401 without one and with an invalid one.',
  clause: "Authentication: each operation's `security` (401 without or with an invalid credential)",
  run: probeAuth,
  profiles: {
    prism: [
      {
        variant: 'invalid-api-key',
        reason: 'Prism only checks that a credential is present; any key value passes (toolchain notes)',
      },
      {
        variant: 'invalid-bearer',
        reason: 'Prism only checks that a credential is present; any bearer token passes (toolchain notes)',
      },
    ],
  },
});
