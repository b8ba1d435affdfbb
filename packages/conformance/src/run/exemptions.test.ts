import { describe, expect, it } from 'vitest';
import type { Failure } from '../report/types.ts';
import { answeredByPrism } from '../support/prism.ts';
import { findExemption, parseExemption } from './exemptions.ts';
import { profileExemptions } from './profiles.ts';

const failure = (over: Partial<Failure>): Failure => ({
  check: 'ignored_auth',
  operationId: 'listOrders',
  message: 'm',
  seed: 1,
  ...over,
});

describe('exemptions', () => {
  it('parses check[/variant]:operation[=reason]', () => {
    expect(parseExemption('ignored_auth/invalid-api-key:list*=any key passes')).toEqual({
      check: 'ignored_auth',
      variant: 'invalid-api-key',
      operation: 'list*',
      reason: 'any key passes',
    });
    expect(parseExemption('use_after_free')).toMatchObject({ check: 'use_after_free', operation: '*' });
    expect(() => parseExemption('no_such_check:x')).toThrow(/unknown check/);
  });

  it('matches by check, variant and operation glob', () => {
    const rules = [parseExemption('ignored_auth/invalid-api-key:list*')];
    expect(findExemption(rules, failure({ variant: 'invalid-api-key' }))).toBeDefined();
    expect(findExemption(rules, failure({ variant: 'no-credential' }))).toBeUndefined();
    expect(
      findExemption(rules, failure({ variant: 'invalid-api-key', operationId: 'getOrder' })),
    ).toBeUndefined();
  });

  it('check/rule exempts the failures of one rule of a check', () => {
    const rules = [parseExemption('session_lifecycle/replay:refreshToken=leeway never ends here')];
    const ofRule = (rule: string) =>
      failure({ check: 'session_lifecycle', rule, operationId: 'refreshToken', variant: 'replay-accepted' });
    expect(findExemption(rules, ofRule('replay'))?.reason).toBe('leeway never ends here');
    expect(findExemption(rules, ofRule('family'))).toBeUndefined();
  });

  it('the prism profile exempts only what Prism cannot do', () => {
    const prism = profileExemptions('prism');
    expect(findExemption(prism, failure({ variant: 'no-credential' }))).toBeUndefined();
    expect(findExemption(prism, failure({ variant: 'invalid-bearer' }))?.reason).toMatch(/any bearer token/);
    const own = failure({
      check: 'status_code_conformance',
      response: {
        status: 422,
        headers: {},
        body: '{"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY"}',
      },
    });
    expect(answeredByPrism(own)).toBe(true);
    expect(findExemption(prism, own)).toBeDefined();
    const real = failure({
      check: 'status_code_conformance',
      response: { status: 418, headers: {}, body: '{}' },
    });
    expect(findExemption(prism, real)).toBeUndefined();
    expect(() => profileExemptions('nope')).toThrow(/unknown profile/);
  });
});
