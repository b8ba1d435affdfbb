/**
 * @module missing_required_header: leaving out a required header parameter, or the
 * Content-Type of a required body, is refused with a 4xx.
 */
import type { Case } from '../generate/case.ts';
import { generatedParameters } from '../generate/positive.ts';
import { deriveSeed } from '../generate/seed.ts';
import { type CheckContext, defineCheck, fail, notApplicable, type OperationPlan, PASS } from './api.ts';

const name = 'missing_required_header';

/** The variants of `base` that each lack one required header. */
function withoutEach(plan: OperationPlan, base: Case): { header: string; testCase: Case }[] {
  const out: { header: string; testCase: Case }[] = [];
  for (const p of generatedParameters(plan.op)) {
    if (p.in !== 'header' || !p.required) continue;
    const headers = Object.fromEntries(
      Object.entries(base.headers).filter(([k]) => k.toLowerCase() !== p.name.toLowerCase()),
    );
    out.push({
      header: p.name,
      testCase: { ...base, headers, description: `missing_required_header: ${p.name}` },
    });
  }
  // A body is only meaningful with its media type (RFC 9110 §8.3); the contract answers 415 without it.
  if (plan.op.requestBody?.required && base.body) {
    out.push({
      header: 'Content-Type',
      testCase: {
        ...base,
        body: { ...base.body, contentType: null },
        description: 'missing_required_header: Content-Type',
      },
    });
  }
  return out;
}

/** Expects a 4xx for each variant of `base` without a required header. */
async function leaveOutRequiredHeaders(ctx: CheckContext, plan: OperationPlan, base: Case): Promise<void> {
  const { op } = plan;
  if (!ctx.judges(name, op)) return;
  const variants = withoutEach(plan, base);
  if (variants.length === 0) {
    ctx.recorder.record(name, op, notApplicable('no required header and no required body'));
    return;
  }
  const seed = deriveSeed(ctx.settings.seed, op.operationId, name);
  for (const { header, testCase } of variants) {
    const sent = await ctx.send(op, testCase, 'probe', seed);
    if (!sent.ok) {
      ctx.recorder.error(name, op, sent.reason);
      continue;
    }
    const { status } = sent.exchange.response;
    const ok = status >= 400 && status < 500 && status !== 429;
    ctx.recorder.record(
      name,
      op,
      ok ? PASS : fail(`Request without ${header} answered ${status}, expected 4xx`, header),
      sent.exchange,
    );
  }
}

export const missingRequiredHeader = defineCheck({
  name,
  phase: 'operation',
  suite: 'schema',
  description: 'Leaving out a required header (or the Content-Type of a required body) is refused with 4xx.',
  clause: 'OpenAPI document: required header parameters and required request bodies',
  run: leaveOutRequiredHeaders,
});
