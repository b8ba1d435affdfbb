import { describe, expect, it } from 'vitest';
import { Redactor } from '../http/redact.ts';
import type { OperationSpec } from '../spec/types.ts';
import { ruleOf } from '../support/rule.ts';
import { notApplicable, PASS, skip } from '../support/verdict.ts';
import { Recorder } from './recorder.ts';

const op = { operationId: 'refreshToken', method: 'POST', path: '/api/auth/refresh' } as OperationSpec;

function recorder(): Recorder {
  return new Recorder(new Redactor(), 1);
}

describe('Recorder: one testcase per rule', () => {
  it("files a rule's verdicts under check/rule, apart from the check's other rules", () => {
    const r = recorder();
    r.record(ruleOf('session_lifecycle', 'rotation'), op, PASS);
    r.record(ruleOf('session_lifecycle', 'replay'), op, skip('leeway over --max-wait'));
    const results = r.results([]);
    expect(results.map((t) => [t.check, t.rule, t.status])).toEqual([
      ['session_lifecycle', 'rotation', 'passed'],
      ['session_lifecycle', 'replay', 'skipped'],
    ]);
    expect(results[1]).toMatchObject({ reason: 'leeway over --max-wait', unverified: true });
  });

  it('within a rule, a part that could not be verified is not outweighed by parts that passed', () => {
    const r = recorder();
    const id = ruleOf('rotation_grace', 'expiry');
    r.record(id, op, PASS);
    r.record(id, op, skip('grace over --max-wait'));
    expect(r.results([])[0]).toMatchObject({ status: 'skipped', unverified: true });
    // A plain check keeps its per-exchange meaning: a pass with some exchanges not its business passes.
    const plain = recorder();
    plain.record('response_schema_conformance', op, PASS);
    plain.record('response_schema_conformance', op, notApplicable('no schema documented'));
    expect(plain.results([])[0]?.status).toBe('passed');
  });

  it('--strict fails what could not be verified, never what does not apply', () => {
    const r = recorder();
    r.record(ruleOf('session_lifecycle', 'replay'), op, skip('leeway over --max-wait'));
    r.record('missing_required_header', op, notApplicable('no required header and no required body'));
    r.touch('use_after_free', op);
    const [replay, header, untouched] = r.results([], true);
    expect(replay?.status).toBe('failed');
    expect(replay?.failures[0]).toMatchObject({
      check: 'session_lifecycle',
      rule: 'replay',
      message: 'not verified, and --strict: leeway over --max-wait',
      variant: 'unverified',
    });
    expect(header?.status).toBe('skipped');
    expect(header?.unverified).toBeUndefined();
    expect(untouched?.status).toBe('skipped');
  });
});
